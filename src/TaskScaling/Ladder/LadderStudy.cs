using TaskScaling.Ladder.Backtest;
using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>
/// What a ladder report shows, computed on one read of the run files: the prediction (with its fits and prepared
/// points, <see cref="LadderPrediction.Points"/>) and, when asked for and the first target is a run of the
/// description, the compute-vs-error and variance analyses for that target; with the analyses, also the ladder's
/// backtest (every predictor, calibrated intervals) and each prediction's predictability flag.
/// </summary>
public sealed record LadderStudy
{
    public required LadderPredictionRequest Request { get; init; }
    public required LadderPrediction Prediction { get; init; }
    /// <summary>True when the analyses were asked for.</summary>
    public required bool Analyses { get; init; }
    /// <summary>True when the first target is a run of the description (the analyses need its actual scores).</summary>
    public required bool FirstTargetIsRun { get; init; }
    public ComputeVsErrorReport? ComputeVsError { get; init; }
    /// <summary>Why the compute-vs-error analysis was refused (its <see cref="InvalidRequestException"/> message).</summary>
    public string? ComputeVsErrorProblem { get; init; }
    public VarianceReport? Variance { get; init; }
    /// <summary>Why the variance analysis was refused.</summary>
    public string? VarianceProblem { get; init; }
    /// <summary>The ladder's backtest at the request's tasks, feature and level (every predictor, calibrated intervals), with the analyses.</summary>
    public LadderBacktestResult? Backtest { get; init; }
    /// <summary>Per predictor, its calibrated band pooled over the tasks (what the report draws around the backtest errors).</summary>
    public IReadOnlyList<BacktestBand>? BacktestBands { get; init; }
    /// <summary>Why the backtest was refused.</summary>
    public string? BacktestProblem { get; init; }

    /// <summary>Predicts, then (when <paramref name="analyses"/>) runs the backtest and both analyses for the first target
    /// in parallel; an analysis the data cannot support is recorded as its problem instead of failing the study. Each
    /// task prediction gets its predictability flag (judged by the variant's backtest error when the backtest ran).</summary>
    public static LadderStudy Run(LadderDescription description, LadderPredictionRequest request, bool analyses = true)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        var data = new LadderData(description);
        // One count for the whole study: the prediction's fits, then the compute-vs-error analysis's.
        var progress = new ProgressCounter(request.Progress);
        var prediction = LadderPredictor.Predict(data, request, progress);
        var first = prediction.Targets[0].Target;
        bool isRun = description.Targets.Any(t => string.Equals(t.Name, first, StringComparison.OrdinalIgnoreCase));
        ComputeVsErrorReport? cve = null;
        VarianceReport? variance = null;
        LadderBacktestResult? backtest = null;
        IReadOnlyList<BacktestBand>? bands = null;
        var problems = new string?[3];
        if (analyses)
        {
            // The backtest (the longest) first; the other two need the first target's actual scores.
            var work = new Action?[]
            {
                () => backtest = LadderBacktest.Run(data, new LadderBacktestRequest { Tasks = request.Tasks, Feature = request.Feature, Level = request.Level },
                    engine => bands = BacktestBand.Of(engine, Enum.GetValues<LadderPredictorKind>())),
                isRun ? () => cve = Ladder.ComputeVsError.Run(data, new ComputeVsErrorRequest { Target = first, Tasks = request.Tasks }, progress) : null,
                isRun ? () => variance = VarianceAnalysis.Run(data, new VarianceRequest { Target = first }) : null,
            };
            Parallel.For(0, work.Length, Parallelism.PerCore, i =>
            {
                try { work[i]?.Invoke(); }
                catch (InvalidRequestException e) { problems[i] = e.Message; }
            });
        }
        if (prediction.Predictor is null)
            prediction = PredictabilityAnalysis.Attach(prediction, data, request, BacktestError(backtest, prediction.Variant));
        return new LadderStudy
        {
            Request = request, Prediction = prediction, Analyses = analyses, FirstTargetIsRun = isRun,
            ComputeVsError = cve, ComputeVsErrorProblem = problems[1], Variance = variance, VarianceProblem = problems[2],
            Backtest = backtest, BacktestBands = bands, BacktestProblem = problems[0],
        };
    }

    /// <summary>A task's backtest MAE of the predictor that is the variant (none for the variants without one).</summary>
    private static Func<string, double?>? BacktestError(LadderBacktestResult? backtest, LadderVariant variant)
    {
        LadderPredictorKind? kind = variant switch
        {
            LadderVariant.TwoStep => LadderPredictorKind.TwoStep,
            LadderVariant.SingleStep => LadderPredictorKind.SingleStep,
            LadderVariant.Flops => LadderPredictorKind.Flops,
            _ => null,
        };
        if (backtest is null || kind is null) return null;
        return task => backtest.Summary.FirstOrDefault(s => s.Task == task && s.Predictor == kind)?.MeanAbsoluteError;
    }
}
