namespace TaskScaling.Ladder;

/// <summary>Prediction from a saved fit: the request must ask for what the fit was made with (else it needs a refit);
/// targets are the fit's stored ones or a hypothetical one.</summary>
public static partial class LadderPredictor
{
    /// <summary>Predicts from a fit alone (see <see cref="LadderFit.Predict"/>): the same computation as the
    /// prediction the fit came from, so the same numbers.</summary>
    public static LadderPrediction Predict(LadderFit fit, LadderPredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(request);
        CheckLevel(request);
        if (fit.Variant == LadderVariant.Mc)
            throw new InvalidRequestException("an mc-variant fit cannot predict by itself: its step 2 is fitted on each target's own checkpoints");
        request = WithPredictor(request);
        // A variant predictor's fit predicts as that variant alone (delta, bootstrap or none): the variant's own fits.
        if (fit.Predictor is { } saved && request.Predictor is null && TaskPredictors.IsVariant(saved) && request.Variant == TaskPredictors.VariantOf(saved))
            fit = fit with { Variant = request.Variant, Predictor = null, Predictors = [], Tasks = fit.Predictors.Select(p => p.Choice.Members[0].Fit!).ToArray() };
        CheckSameFit(fit, request);

        var targets = SavedTargets(fit, request);
        var points = targets.Select(t => t.Point).ToList();
        if (fit.Predictor is not null)
        {
            var predictors = request.Tasks is { Count: > 0 }
                ? request.Tasks.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => LadderFit.Named(fit.Predictors, p => p.Task, name)).ToArray()
                : fit.Predictors.ToArray();
            return PredictorPrediction.Predict(fit, predictors, points, StoredActuals(targets, predictors.Select(p => p.Task).ToArray()), request) with { Fit = fit };
        }
        var tasks = request.Tasks is { Count: > 0 }
            ? request.Tasks.Distinct(StringComparer.OrdinalIgnoreCase).Select(fit.Task).ToArray()
            : fit.Tasks.ToArray();
        if (fit.Variant == LadderVariant.Flops && points.FirstOrDefault(t => t.F is null) is { } noF)
            throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");
        return PredictTargets(fit, tasks, points, StoredActuals(targets, tasks.Select(t => t.Task).ToArray()),
            new FittedForm?[targets.Count, tasks.Length], request) with { Fit = fit };
    }

    /// <summary>The request as a fresh prediction reads it: calibrated intervals without a predictor take the variant's;
    /// a variant predictor with delta, bootstrap or none intervals is that variant alone.</summary>
    internal static LadderPredictionRequest WithPredictor(LadderPredictionRequest request)
    {
        if (request.Predictor is null && request.Interval == IntervalMethod.Calibrated)
            request = request with
            {
                Predictor = request.Variant switch
                {
                    LadderVariant.TwoStep => LadderPredictorKind.TwoStep,
                    LadderVariant.SingleStep => LadderPredictorKind.SingleStep,
                    LadderVariant.Flops => LadderPredictorKind.Flops,
                    _ => throw new InvalidRequestException($"calibrated intervals need a predictor (two-step, single-step, flops, direct, largest-rung, ensemble, auto); the {LadderNames.Of(request.Variant)} variant has none"),
                },
            };
        if (request.Predictor is { } kind && TaskPredictors.IsVariant(kind) && request.Interval != IntervalMethod.Calibrated)
            request = request with { Variant = TaskPredictors.VariantOf(kind), Predictor = null };   // the variant itself, exactly
        return request;
    }

    private static string NeedsRefit(string what) => $"{what}: a different choice needs a refit on the ladder data";

    /// <summary>Refuses a request for anything the fit was not made with (variant, predictor, feature, data settings,
    /// bootstrap refits, the level of κ).</summary>
    private static void CheckSameFit(LadderFit fit, LadderPredictionRequest request)
    {
        static string Name(LadderPredictorKind? p) => p is { } k ? $"the {LadderNames.Of(k)} predictor" : "a variant alone";
        if (request.Predictor != fit.Predictor)
            throw new InvalidRequestException(NeedsRefit($"the fit was made with {Name(fit.Predictor)}, the request asks for {Name(request.Predictor)}"
                + (request.Interval == IntervalMethod.Calibrated && fit.Predictor is null ? " (calibrated intervals need the ladder's backtest)" : "")));
        if (request.Variant != fit.Variant)
            throw new InvalidRequestException(NeedsRefit($"the fit is of the {LadderNames.Of(fit.Variant)} variant, the request asks for {LadderNames.Of(request.Variant)}"));
        if (request.Feature != fit.Feature)
            throw new InvalidRequestException(NeedsRefit($"the fit's feature is {LadderNames.Of(fit.Feature)}, the request asks for {LadderNames.Of(request.Feature)}"));
        if (request.Step1Window is { } w1 && w1 != fit.Settings.Step1Window || request.Step2Window is { } w2 && w2 != fit.Settings.Step2Window)
            throw new InvalidRequestException(NeedsRefit($"the fit's moving-average windows are {fit.Settings.Step1Window} (step 1) and {fit.Settings.Step2Window} (step 2)"));
        if (request.Step1Checkpoints is { } c && c != fit.Settings.Step1Checkpoints)
            throw new InvalidRequestException(NeedsRefit($"the fit has {fit.Settings.Step1Checkpoints} step-1 point(s) per ladder run"));
        if (request.Step2Skip is { } skip && skip != fit.Settings.Step2Skip)
            throw new InvalidRequestException(NeedsRefit(FormattableString.Invariant($"the fit skips {fit.Settings.Step2Skip} of each run in step 2")));
        if (request.Step2StartA is { } a && !(fit.Step2StartA is { } b && a.Equals(b)))
            throw new InvalidRequestException(NeedsRefit("the fit was made from another start of step-2 a"));
        if (request.Interval == IntervalMethod.Bootstrap)
        {
            if (request.Resamples < 2) throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");
            if (!fit.HasBootstrap)
                throw new InvalidRequestException(
                    $"the fit holds no bootstrap refits (it was made with {LadderNames.Of(fit.Interval)} intervals); refit with bootstrap intervals to save them");
            if (request.Resamples != fit.Resamples || request.Seed != fit.Seed)
                throw new InvalidRequestException(NeedsRefit($"the fit holds {fit.Resamples} bootstrap resamples drawn with seed {fit.Seed}"));
        }
        if (request.Interval == IntervalMethod.Calibrated)
        {
            if (fit.Interval != IntervalMethod.Calibrated)
                throw new InvalidRequestException(
                    $"the fit holds no calibration (it was made with {LadderNames.Of(fit.Interval)} intervals); refit with calibrated intervals to save κ");
            if (request.Level != fit.Level)
                throw new InvalidRequestException(NeedsRefit(FormattableString.Invariant(
                    $"the fit's κ was calibrated at the {fit.Level * 100:0.##}% level, the request asks for {request.Level * 100:0.##}%")));
        }
    }

    /// <summary>The request's targets: named targets of the fit (all of them by default) or hypothetical ones.</summary>
    private static List<(TargetPoint Point, LadderFitTarget? Stored)> SavedTargets(LadderFit fit, LadderPredictionRequest request)
    {
        if (request.Hypothetical is { Count: > 0 } || request.Parameters is not null || request.Tokens is not null)
            return HypotheticalTargets(request).Select(p => (p, (LadderFitTarget?)null)).ToList();
        var stored = request.Targets is { Count: > 0 }
            ? request.Targets.Select(name => fit.Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidRequestException(fit.Targets.Count == 0
                    ? $"the fit stores no targets (unknown target '{name}'); give --params and --tokens"
                    : $"the fit has no target '{name}' (it has: {string.Join(", ", fit.Targets.Select(t => t.Name))})")).ToList()
            : fit.Targets.ToList();
        if (stored.Count == 0) throw new InvalidRequestException("the fit stores no targets; give --params and --tokens");
        return stored.Select(s => (new TargetPoint(s.Name, s.Parameters, s.Tokens, s.FlopsPerToken, null), (LadderFitTarget?)s)).ToList();
    }

    private static TargetActuals?[,] StoredActuals(List<(TargetPoint Point, LadderFitTarget? Stored)> targets, string[] tasks)
    {
        var actuals = new TargetActuals?[targets.Count, tasks.Length];
        for (int t = 0; t < targets.Count; t++)
            for (int k = 0; k < tasks.Length; k++)
                actuals[t, k] = targets[t].Stored?.Actuals.GetValueOrDefault(tasks[k]);
        return actuals;
    }
}
