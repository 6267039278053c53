using TaskScaling.Ladder.Backtest;

namespace TaskScaling.Ladder;

/// <summary>
/// Target predictions by a predictor (<see cref="LadderPredictionRequest.Predictor"/>) other than a variant with delta,
/// bootstrap or none intervals: the ladder's backtest (only when auto, the ensemble or calibrated intervals need it)
/// chooses, weights and calibrates from ladder runs only; tasks whose predictor is a variant are predicted by the
/// variant's own code (<see cref="LadderPredictor"/>), the others by their <see cref="ITaskPredictor"/> on all runs.
/// </summary>
internal static class PredictorPrediction
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
        // Compute-based predictors need each target's compute in the ladder's units (D·F when the ladder runs have F).
        bool targetsHaveF = targets.All(t => t.F is not null) || !predictors[0].UseF;
        if (kind is not (LadderPredictorKind.Auto or LadderPredictorKind.Ensemble))
        {
            var missing = predictors.Where(p => p.Unavailable.ContainsKey(kind)).Select(p => $"task {p.Task.Name}: {p.Unavailable[kind]}").ToList();
            if (kind is LadderPredictorKind.Flops or LadderPredictorKind.Direct && !targetsHaveF)
                missing.Add($"the {LadderNames.Of(kind)} predictor needs FLOPs per token of every target (--flops-per-token)");
            if (missing.Count > 0)
                throw new InvalidRequestException($"{description.Source}: the {LadderNames.Of(kind)} predictor is not possible with this data: {string.Join("; ", missing)}");
        }
        if (request.Interval == IntervalMethod.Bootstrap && request.Resamples < 2)
            throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");

        bool backtest = kind is LadderPredictorKind.Auto or LadderPredictorKind.Ensemble || request.Interval == IntervalMethod.Calibrated;
        var engine = backtest ? BacktestEngine.Run(predictors, [kind], request.Level) : null;
        var chosen = new LadderPredictorKind[tasks.Count];
        var notes = new string?[tasks.Count];
        for (int k = 0; k < tasks.Count; k++)
        {
            if (kind != LadderPredictorKind.Auto) { chosen[k] = kind; continue; }
            var c = engine!.Choose(k, allowed: x => x is not (LadderPredictorKind.Flops or LadderPredictorKind.Direct) || targetsHaveF);
            chosen[k] = c ?? LadderPredictorKind.TwoStep;
            if (c is null) notes[k] = "auto: no backtest fold of this ladder could be fitted, so the two-step predictor is used";
        }

        var results = new TaskPrediction[targets.Count, tasks.Count];
        // Variant predictors: the variant's own prediction for its group of tasks (calibrated intervals replace its interval).
        foreach (var group in Enumerable.Range(0, tasks.Count).Where(k => TaskPredictors.IsVariant(chosen[k])).GroupBy(k => chosen[k]))
        {
            var ks = group.ToArray();
            var variant = TaskPredictors.VariantOf(group.Key);
            var sub = LadderPredictor.Predict(data, request with
            {
                Predictor = null, Variant = variant, Tasks = ks.Select(k => tasks[k].Name).ToArray(),
                Interval = request.Interval == IntervalMethod.Calibrated ? IntervalMethod.None : request.Interval,
            });
            for (int t = 0; t < targets.Count; t++)
                for (int j = 0; j < ks.Length; j++)
                {
                    var p = sub.Targets[t].Tasks[j];
                    var tf = sub.Fit!.Tasks[j].Fit;
                    if (request.Interval == IntervalMethod.Calibrated && p.Status == PredictionStatus.Ok)
                        p = Calibrated(p, LadderPredictor.AccuracyEstimate(variant, tf, targets[t].N, targets[t].D, targets[t].F ?? double.NaN),
                            engine!, group.Key, ks[j], predictors[ks[j]], targets[t]);
                    results[t, ks[j]] = p;
                }
        }
        // The other predictors: fitted on all ladder runs.
        var settings = request.Settings();
        foreach (int k in Enumerable.Range(0, tasks.Count).Where(k => !TaskPredictors.IsVariant(chosen[k])))
        {
            var tp = predictors[k];
            var all = Enumerable.Range(0, tp.Runs.Count).ToArray();
            var fits = new Dictionary<LadderPredictorKind, Func<RunInput, Estimate>>();
            string? problem = null;
            var weights = chosen[k] == LadderPredictorKind.Ensemble ? engine!.Weights(k) : null;
            foreach (var m in weights?.Keys ?? [chosen[k]])
            {
                string? why = $"the {LadderNames.Of(m)} predictor is not possible with this data";
                if (tp.Available.TryGetValue(m, out var predictor) && predictor.Fit(all, fold: null, out why) is { } at) fits[m] = at.At;
                else problem ??= why;
            }
            for (int t = 0; t < targets.Count; t++)
            {
                var x = new RunInput(targets[t].N, targets[t].D, targets[t].F ?? double.NaN);
                Estimate? e = weights is null
                    ? fits.Values.FirstOrDefault()?.Invoke(x)
                    : BacktestEngine.Combine(weights, fits.ToDictionary(f => f.Key, f => f.Value(x)));
                var actual = LadderPredictor.Actuals(data, targets[t], tp.Task, settings, AccuracyFormat.Rc);
                var basic = new TaskPrediction { Task = tp.Task.Name, DisplayName = tp.Task.DisplayName };
                if (e is not { } v || !double.IsFinite(v.Value))
                {
                    results[t, k] = basic with { Status = PredictionStatus.Failed, Message = problem ?? "the prediction is not a finite number", Actual = actual?.Accuracy };
                    continue;
                }
                var p = LadderPredictor.WithAccuracy(basic, v.Value, null, null, actual?.Accuracy);
                p = request.Interval switch
                {
                    IntervalMethod.Calibrated => Calibrated(p, v, engine!, chosen[k], k, tp, targets[t]),
                    IntervalMethod.Delta => WithInterval(p, LadderBacktest.Interval(IntervalMethod.Delta, v, Z(request.Level), double.NaN, 0)),
                    IntervalMethod.Bootstrap => p with { Message = $"no bootstrap interval: the {LadderNames.Of(chosen[k])} predictor is not refitted on resamples" },
                    _ => p,
                };
                results[t, k] = p;
            }
        }

        var prediction = new LadderPrediction
        {
            Variant = LadderVariant.TwoStep, Feature = request.Feature, Settings = settings, Interval = request.Interval, Level = request.Level,
            Resamples = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : null, Predictor = kind,
            Targets = targets.Select((tp, t) => new TargetPrediction
            {
                Target = tp.Name, Parameters = tp.N, Tokens = tp.D, Compute = tp.Compute,
                Tasks = Enumerable.Range(0, tasks.Count).Select(k => Annotate(results[t, k], chosen[k], request.Interval, engine?.Mae(chosen[k], k), notes[k])).ToArray(),
            }).ToArray(),
        };
        return PredictabilityAnalysis.Attach(prediction, data, predictors);
    }

    private static double Z(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + level / 2);

    /// <summary>est ± z·sqrt(σ_param² + (κ·Δ)²), κ from every backtest row of the predictor (pooled across tasks when the
    /// task has too few), Δ the target's distance beyond the ladder runs.</summary>
    private static TaskPrediction Calibrated(TaskPrediction p, Estimate e, BacktestEngine engine, LadderPredictorKind kind, int k, TaskPredictors tp, TargetPoint target)
    {
        double kappa = engine.Kappa(kind, k);
        var (_, delta) = BacktestEngine.Distances(new RunInput(target.N, target.D, target.F ?? double.NaN), tp.Points.Select(RunInput.Of).ToArray(), tp.UseF);
        var r = WithInterval(p, LadderBacktest.Interval(IntervalMethod.Calibrated, e, engine.Z, kappa, delta)) with { Kappa = double.IsNaN(kappa) ? null : kappa, ExtrapolationDistance = delta };
        return double.IsNaN(kappa) ? r with { Message = Join(r.Message, "no calibrated interval: the backtest has no usable fold") } : r;
    }

    private static TaskPrediction WithInterval(TaskPrediction p, (double? Lower, double? Upper) i) => p with { Lower = i.Lower, Upper = i.Upper };

    private static TaskPrediction Annotate(TaskPrediction p, LadderPredictorKind chosen, IntervalMethod interval, double? backtestError, string? note) => p with
    {
        Predictor = LadderNames.Of(chosen),
        IntervalMethod = LadderNames.Of(interval),
        Covered = p.Actual is { } a && p.Lower is { } lo && p.Upper is { } hi ? a >= lo && a <= hi : null,
        BacktestError = backtestError is { } b && double.IsFinite(b) ? b : null,
        Message = note is null ? p.Message : Join(p.Message, note),
    };

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";
}
