using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder.Backtest;

/// <summary>
/// How far to trust a ladder, measured on the ladder itself: a rollout over its own runs (<see cref="BacktestFolds"/>)
/// in which every predictor is fitted on smaller runs and predicts larger ones, with intervals, coverage and scores.
/// Calibrated intervals are leave-one-size-out: the κ of a held-out run's interval comes from the other sizes' rows.
/// </summary>
public static class LadderBacktest
{
    public static LadderBacktestResult Run(LadderDescription description, LadderBacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        return Run(new LadderData(description), request);
    }

    internal static LadderBacktestResult Run(LadderData data, LadderBacktestRequest request) => Run(data, request, null);

    /// <summary>As <see cref="Run(LadderData, LadderBacktestRequest)"/>, handing the engine to <paramref name="engineTo"/> (the report's bands).</summary>
    internal static LadderBacktestResult Run(LadderData data, LadderBacktestRequest request, Action<BacktestEngine>? engineTo)
    {
        if (!(request.Level > 0 && request.Level < 1))
            throw new InvalidRequestException($"--level must lie strictly between 0 and 1, got {request.Level}");
        if (request.Interval == IntervalMethod.Bootstrap)
            throw new InvalidRequestException("the backtest's intervals are calibrated, delta or none (bootstrap would refit every fold 1,000 times)");
        var kinds = request.Predictors is { Count: > 0 } p ? p.Distinct().ToArray() : Enum.GetValues<LadderPredictorKind>();
        var tasks = LadderPredictor.ResolveTasks(data.Description, request.Tasks);
        var predictRequest = new LadderPredictionRequest
        {
            Feature = request.Feature, Step1Window = request.MovingAverage, Step2Window = request.MovingAverage,
            Step1Checkpoints = request.Step1Checkpoints ?? data.Description.Step1Checkpoints,
        };
        var predictors = tasks.Select(t => TaskPredictors.Create(data, t, predictRequest, TaskPredictors.BaseKinds)).ToArray();
        var engine = BacktestEngine.Run(predictors, kinds, request.Level);
        engineTo?.Invoke(engine);
        var rows = engine.Rows.Where(r => kinds.Contains(r.Kind))
            .OrderBy(r => r.Task).ThenBy(r => Array.IndexOf(kinds, r.Kind)).ThenBy(r => r.Fold).ThenBy(r => r.Run)
            .Select(r => Row(engine, r, request.Interval)).ToArray();
        var alpha = 1 - request.Level;
        var summary = new List<BacktestSummary>();
        foreach (var t in tasks)
            foreach (var k in kinds)
                summary.Add(Summarise(t.Name, k, rows.Where(r => r.Task == t.Name && r.Predictor == k).ToArray(), alpha));
        foreach (var k in kinds)
            summary.Add(Summarise("all", k, rows.Where(r => r.Predictor == k).ToArray(), alpha));
        return new LadderBacktestResult
        {
            Ladder = data.Description.Name, Interval = request.Interval, Level = request.Level,
            Folds = engine.Folds, Rows = rows, Summary = summary,
            Unavailable = predictors.SelectMany(tp => tp.Unavailable.Where(u => kinds.Contains(u.Key) || kinds.Contains(LadderPredictorKind.Auto))
                .Select(u => $"{tp.Task.Name}: {LadderNames.Of(u.Key)}: {u.Value}")).ToArray(),
        };
    }

    /// <summary>The interval of an estimate: delta est ± z·σ_param; calibrated est ± z·sqrt(σ_param² + (κ·Δ)²); clipped to [0, 1].</summary>
    internal static (double? Lower, double? Upper) Interval(IntervalMethod method, Estimate e, double z, double kappa, double distance)
    {
        double se = method switch
        {
            IntervalMethod.Delta => e.Se,
            IntervalMethod.Calibrated => double.IsNaN(kappa) ? double.NaN : ExtrapolationCalibration.StandardError(e.Se, kappa, distance),
            _ => double.NaN,
        };
        if (double.IsNaN(se)) return (null, null);
        return (Math.Clamp(e.Value - z * se, 0, 1), Math.Clamp(e.Value + z * se, 0, 1));
    }

    private static BacktestRow Row(BacktestEngine engine, HeldOutPrediction r, IntervalMethod method)
    {
        var tp = engine.Tasks[r.Task];
        var run = tp.Runs[r.Run];
        var row = new BacktestRow
        {
            Fold = engine.Folds[r.Fold].Name, Task = tp.Task.Name, Predictor = r.Kind, Chosen = r.Chosen, Run = run.Name, Size = run.Size,
            Parameters = tp.Points[r.Run].N, Tokens = tp.Points[r.Run].D, Actual = r.Actual, Interval = method,
            ExtrapolationDistance = r.Distance,
        };
        if (r.Estimate is not { } e) return row with { Status = PredictionStatus.Failed, Message = r.Problem };
        // Leave-one-size-out: κ from the rows of the other sizes; auto uses the κ of the predictor it chose.
        double kappa = method == IntervalMethod.Calibrated ? engine.Kappa(r.Chosen ?? r.Kind, r.Task, r.Size) : double.NaN;
        var (lo, hi) = Interval(method, e, engine.Z, kappa, r.CalibrationDistance);
        return row with
        {
            Predicted = e.Value, Error = e.Value - r.Actual, AbsoluteError = Math.Abs(e.Value - r.Actual),
            Lower = lo, Upper = hi, Covered = lo is { } l && hi is { } h ? r.Actual >= l && r.Actual <= h : null,
        };
    }

    private static BacktestSummary Summarise(string task, LadderPredictorKind kind, BacktestRow[] rows, double alpha)
    {
        var ok = rows.Where(r => r.Status == PredictionStatus.Ok).ToArray();
        var withInterval = ok.Where(r => r.Lower is not null && r.Upper is not null).ToArray();
        return new BacktestSummary
        {
            Task = task, Predictor = kind, Count = ok.Length, Failed = rows.Length - ok.Length,
            MeanAbsoluteError = ok.Length == 0 ? null : ok.Average(r => r.AbsoluteError!.Value),
            Coverage = withInterval.Length == 0 ? null : withInterval.Average(r => r.Covered == true ? 1.0 : 0.0),
            MeanWidth = withInterval.Length == 0 ? null : withInterval.Average(r => r.Upper!.Value - r.Lower!.Value),
            IntervalScore = withInterval.Length == 0 ? null
                : withInterval.Average(r => ExtrapolationCalibration.IntervalScore(r.Lower!.Value, r.Upper!.Value, r.Actual, alpha)),
        };
    }
}
