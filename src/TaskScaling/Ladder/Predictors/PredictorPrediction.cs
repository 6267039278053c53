using TaskScaling.Ladder.Backtest;

namespace TaskScaling.Ladder;

/// <summary>
/// Target predictions by a predictor (<see cref="LadderPredictionRequest.Predictor"/>) other than a variant with delta,
/// bootstrap or none intervals: the ladder's backtest (only when auto, the ensemble or calibrated intervals need it)
/// chooses, weights and calibrates from ladder runs only (<see cref="PredictorFits"/>); then <see cref="PredictTargets"/>
/// makes every number from each task's <see cref="LadderTaskPredictor"/>, for a fresh fit and a saved one alike.
/// </summary>
internal static partial class PredictorPrediction
{
    public static LadderPrediction Predict(LadderData data, LadderPredictionRequest request)
    {
        LadderPredictor.CheckLevel(request);
        var kind = request.Predictor!.Value;
        var description = data.Description;
        var tasks = LadderPredictor.ResolveTasks(description, request.Tasks);
        var targets = LadderPredictor.ResolveTargets(data, request);
        var kinds = kind switch
        {
            LadderPredictorKind.Auto => TaskPredictors.BaseKinds,
            LadderPredictorKind.Ensemble => TaskPredictors.EnsembleMembers,
            _ => [kind],
        };
        var predictors = tasks.Select(t => TaskPredictors.Create(data, t, request, kinds)).ToArray();
        bool targetsHaveF = TargetsHaveF(targets, predictors[0].UseF);
        if (kind is not (LadderPredictorKind.Auto or LadderPredictorKind.Ensemble))
        {
            var missing = predictors.Where(p => p.Unavailable.ContainsKey(kind)).Select(p => $"task {p.Task.Name}: {p.Unavailable[kind]}").ToList();
            if (NeedsTargetF(kind, targetsHaveF) is { } noF) missing.Add(noF);
            if (missing.Count > 0)
                throw new InvalidRequestException($"{description.Source}: the {LadderNames.Of(kind)} predictor is not possible with this data: {string.Join("; ", missing)}");
        }
        CheckResamples(request);

        bool backtest = kind is LadderPredictorKind.Auto or LadderPredictorKind.Ensemble || request.Interval == IntervalMethod.Calibrated;
        var engine = backtest ? BacktestEngine.Run(predictors, [kind], request.Level) : null;
        var taskPredictors = PredictorFits.Of(data, request, predictors, engine, targetsHaveF);
        var settings = request.Settings();
        var actuals = new TargetActuals?[targets.Count, tasks.Count];
        for (int t = 0; t < targets.Count; t++)
            for (int k = 0; k < tasks.Count; k++)
                actuals[t, k] = LadderPredictor.Actuals(data, targets[t], tasks[k], settings, AccuracyFormat.Rc);
        var fit = new LadderFit
        {
            Description = description.Name, Variant = request.Variant, Feature = request.Feature, Settings = settings, Step2StartA = request.Step2StartA,
            Interval = request.Interval, Level = request.Level,
            Resamples = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : null,
            Seed = request.Interval == IntervalMethod.Bootstrap ? request.Seed : null,
            LadderRuns = description.LadderRuns.Select(r => r.Name).ToArray(), Tasks = [],
            Predictor = kind, Predictors = taskPredictors,
            Targets = targets.Select((tp, t) => new LadderFitTarget
            {
                Name = tp.Name, Parameters = tp.N, Tokens = tp.D, FlopsPerToken = tp.F,
                Actuals = Enumerable.Range(0, tasks.Count).Where(k => actuals[t, k] is not null)
                    .ToDictionary(k => tasks[k].Name, k => actuals[t, k]!, StringComparer.OrdinalIgnoreCase),
            }).ToArray(),
        };
        return PredictTargets(fit, taskPredictors, targets, actuals, request) with { Fit = fit };
    }

    /// <summary>Compute-based predictors need each target's compute in the ladder's units (D·F when the ladder runs have F).</summary>
    private static bool TargetsHaveF(IReadOnlyList<TargetPoint> targets, bool useF) => targets.All(t => t.F is not null) || !useF;

    private static string? NeedsTargetF(LadderPredictorKind kind, bool targetsHaveF) =>
        kind is LadderPredictorKind.Flops or LadderPredictorKind.Direct && !targetsHaveF
            ? $"the {LadderNames.Of(kind)} predictor needs FLOPs per token of every target (--flops-per-token)" : null;

    private static void CheckResamples(LadderPredictionRequest request)
    {
        if (request.Interval == IntervalMethod.Bootstrap && request.Resamples < 2)
            throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");
    }

    /// <summary>Every target's prediction from each task's predictor: the one place where a predictor's numbers are made.
    /// Tasks whose choice is a variant are predicted by the variant's own code (calibrated intervals replace its interval);
    /// the others from their members' estimates (the ensemble: <see cref="BacktestEngine.Combine"/>).</summary>
    internal static LadderPrediction PredictTargets(LadderFit fit, IReadOnlyList<LadderTaskPredictor> tasks, IReadOnlyList<TargetPoint> targets,
        TargetActuals?[,] actuals, LadderPredictionRequest request)
    {
        bool useF = tasks.Count > 0 && tasks[0].ComputeUsesFlopsPerToken;
        var choices = tasks.Select(t => t.For(TargetsHaveF(targets, useF))).ToArray();
        double z = Z(request.Level);
        var results = new TaskPrediction[targets.Count, tasks.Count];
        foreach (var group in Enumerable.Range(0, tasks.Count).Where(k => TaskPredictors.IsVariant(choices[k].Predictor)).GroupBy(k => choices[k].Predictor))
        {
            var ks = group.ToArray();
            var variant = TaskPredictors.VariantOf(group.Key);
            if (variant == LadderVariant.Flops && targets.FirstOrDefault(t => t.F is null) is { } noF)
                throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");
            var taskFits = ks.Select(k => choices[k].Members[0].Fit!).ToArray();
            var sub = LadderPredictor.PredictTargets(fit with { Variant = variant, Predictor = null, Predictors = [], Tasks = taskFits }, taskFits, targets,
                Columns(actuals, ks), new FittedForm?[targets.Count, ks.Length],
                request with { Predictor = null, Variant = variant, Interval = request.Interval == IntervalMethod.Calibrated ? IntervalMethod.None : request.Interval });
            for (int t = 0; t < targets.Count; t++)
                for (int j = 0; j < ks.Length; j++)
                {
                    var p = sub.Targets[t].Tasks[j];
                    if (request.Interval == IntervalMethod.Calibrated && p.Status == PredictionStatus.Ok)
                        p = Calibrated(p, LadderPredictor.AccuracyEstimate(variant, taskFits[j].Fit, targets[t].N, targets[t].D, targets[t].F ?? double.NaN),
                            z, choices[ks[j]].Kappa!.Value, tasks[ks[j]].Reach, targets[t]);
                    results[t, ks[j]] = p;
                }
        }
        foreach (int k in Enumerable.Range(0, tasks.Count).Where(k => !TaskPredictors.IsVariant(choices[k].Predictor)))
        {
            var choice = choices[k];
            var members = choice.Members;
            string? problem = members.FirstOrDefault(m => m.Problem is not null)?.Problem;
            var weights = choice.Predictor == LadderPredictorKind.Ensemble ? members.ToDictionary(m => m.Predictor, m => m.Weight!.Value) : null;
            for (int t = 0; t < targets.Count; t++)
            {
                var x = new RunInput(targets[t].N, targets[t].D, targets[t].F ?? double.NaN);
                var estimates = members.Select(m => (m.Predictor, Estimate: At(m, x, tasks[k].ComputeUsesFlopsPerToken)))
                    .Where(e => e.Estimate is not null).ToDictionary(e => e.Predictor, e => e.Estimate!.Value);
                Estimate? e = weights is null ? estimates.Values.Cast<Estimate?>().FirstOrDefault() : BacktestEngine.Combine(weights, estimates);
                var actual = actuals[t, k];
                var basic = new TaskPrediction { Task = tasks[k].Task, DisplayName = tasks[k].DisplayName };
                if (e is not { } v || !double.IsFinite(v.Value))
                {
                    results[t, k] = basic with { Status = PredictionStatus.Failed, Message = problem ?? "the prediction is not a finite number", Actual = actual?.Accuracy };
                    continue;
                }
                var p = LadderPredictor.WithAccuracy(basic, v.Value, null, null, actual?.Accuracy);
                p = request.Interval switch
                {
                    IntervalMethod.Calibrated => Calibrated(p, v, z, choice.Kappa!.Value, tasks[k].Reach, targets[t]),
                    IntervalMethod.Delta => WithInterval(p, LadderBacktest.Interval(IntervalMethod.Delta, v, z, double.NaN, 0)),
                    IntervalMethod.Bootstrap => p with { Message = $"no bootstrap interval: the {LadderNames.Of(choice.Predictor)} predictor is not refitted on resamples" },
                    _ => p,
                };
                results[t, k] = p;
            }
        }

        var prediction = new LadderPrediction
        {
            Variant = LadderVariant.TwoStep, Feature = fit.Feature, Settings = fit.Settings, Interval = request.Interval, Level = request.Level,
            Resamples = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : null, Predictor = fit.Predictor,
            Targets = targets.Select((tp, t) => new TargetPrediction
            {
                Target = tp.Name, Parameters = tp.N, Tokens = tp.D, Compute = tp.Compute,
                Tasks = Enumerable.Range(0, tasks.Count).Select(k => Annotate(results[t, k], choices[k], request.Interval)).ToArray(),
            }).ToArray(),
        };
        return PredictabilityAnalysis.Attach(prediction, tasks.ToDictionary(t => t.Task, t => t.Measure, StringComparer.Ordinal));
    }

    /// <summary>A member's estimate at x: a variant's chained delta-method estimate, the direct power law's, or the
    /// largest rung's value (SE 0); null when the member could not be fitted.</summary>
    private static Estimate? At(LadderPredictorMember m, RunInput x, bool useF) => m switch
    {
        { Fit: { } f } => LadderPredictor.AccuracyEstimate(TaskPredictors.VariantOf(m.Predictor), f.Fit, x.N, x.D, x.F),
        { Direct: { } d } => DirectPredictor.At(d, x, useF),
        { Value: { } v } => new Estimate(v, 0),
        _ => null,
    };

    private static TargetActuals?[,] Columns(TargetActuals?[,] a, int[] ks)
    {
        var c = new TargetActuals?[a.GetLength(0), ks.Length];
        for (int t = 0; t < a.GetLength(0); t++)
            for (int j = 0; j < ks.Length; j++) c[t, j] = a[t, ks[j]];
        return c;
    }

    private static double Z(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + level / 2);

    /// <summary>est ± z·sqrt(σ_param² + (κ·Δ)²), κ from every backtest row of the predictor (pooled across tasks when the
    /// task has too few), Δ the target's distance beyond the ladder runs.</summary>
    private static TaskPrediction Calibrated(TaskPrediction p, Estimate e, double z, double kappa, ExtrapolationReach reach, TargetPoint target)
    {
        var (_, delta) = reach.Distances(new RunInput(target.N, target.D, target.F ?? double.NaN));
        var r = WithInterval(p, LadderBacktest.Interval(IntervalMethod.Calibrated, e, z, kappa, delta)) with { Kappa = double.IsNaN(kappa) ? null : kappa, ExtrapolationDistance = delta };
        return double.IsNaN(kappa) ? r with { Message = Join(r.Message, "no calibrated interval: the backtest has no usable fold") } : r;
    }

    private static TaskPrediction WithInterval(TaskPrediction p, (double? Lower, double? Upper) i) => p with { Lower = i.Lower, Upper = i.Upper };

    private static TaskPrediction Annotate(TaskPrediction p, LadderPredictorChoice choice, IntervalMethod interval) => p with
    {
        Predictor = LadderNames.Of(choice.Predictor),
        IntervalMethod = LadderNames.Of(interval),
        Covered = p.Actual is { } a && p.Lower is { } lo && p.Upper is { } hi ? a >= lo && a <= hi : null,
        BacktestError = choice.BacktestError is { } b && double.IsFinite(b) ? b : null,
        Message = choice.Note is null ? p.Message : Join(p.Message, choice.Note),
    };

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";
}
