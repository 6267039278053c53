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
        static string NeedsRefit(string what) => $"{what}: a different choice needs a refit on the ladder data";
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
            if (!fit.HasBootstrap)
                throw new InvalidRequestException(
                    $"the fit holds no bootstrap refits (it was made with {LadderNames.Of(fit.Interval)} intervals); refit with bootstrap intervals to save them");
            if (request.Resamples != fit.Resamples || request.Seed != fit.Seed)
                throw new InvalidRequestException(NeedsRefit($"the fit holds {fit.Resamples} bootstrap resamples drawn with seed {fit.Seed}"));
        }

        var tasks = request.Tasks is { Count: > 0 }
            ? request.Tasks.Distinct(StringComparer.OrdinalIgnoreCase).Select(fit.Task).ToArray()
            : fit.Tasks.ToArray();
        List<(TargetPoint Point, LadderFitTarget? Stored)> targets;
        if (request.Hypothetical is { Count: > 0 } || request.Parameters is not null || request.Tokens is not null)
            targets = HypotheticalTargets(request).Select(p => (p, (LadderFitTarget?)null)).ToList();
        else
        {
            var stored = request.Targets is { Count: > 0 }
                ? request.Targets.Select(name => fit.Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidRequestException(fit.Targets.Count == 0
                        ? $"the fit stores no targets (unknown target '{name}'); give --params and --tokens"
                        : $"the fit has no target '{name}' (it has: {string.Join(", ", fit.Targets.Select(t => t.Name))})")).ToList()
                : fit.Targets.ToList();
            if (stored.Count == 0) throw new InvalidRequestException("the fit stores no targets; give --params and --tokens");
            targets = stored.Select(s => (new TargetPoint(s.Name, s.Parameters, s.Tokens, s.FlopsPerToken, null), (LadderFitTarget?)s)).ToList();
        }
        if (fit.Variant == LadderVariant.Flops && targets.FirstOrDefault(t => t.Point.F is null) is { Point: { } noF })
            throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");

        var actuals = new TargetActuals?[targets.Count, tasks.Length];
        for (int t = 0; t < targets.Count; t++)
            for (int k = 0; k < tasks.Length; k++)
                actuals[t, k] = targets[t].Stored?.Actuals.GetValueOrDefault(tasks[k].Task);
        return PredictTargets(fit, tasks, targets.Select(t => t.Point).ToList(), actuals, new FittedForm?[targets.Count, tasks.Length], request) with { Fit = fit };
    }
}
