namespace TaskScaling.Ladder.Backtest;

/// <summary>One predictor's prediction of one held-out ladder run in one fold. Accuracies and errors are fractions.</summary>
public sealed record BacktestRow
{
    public required string Fold { get; init; }
    public required string Task { get; init; }
    public required LadderPredictorKind Predictor { get; init; }
    /// <summary>For auto: the predictor it chose (from the other sizes' rows).</summary>
    public LadderPredictorKind? Chosen { get; init; }
    public required string Run { get; init; }
    public required string Size { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("params")]
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    public PredictionStatus Status { get; init; } = PredictionStatus.Ok;
    public string? Message { get; init; }
    public double? Predicted { get; init; }
    /// <summary>The run's final accuracy (mean of its last rows, as step 1 reads it).</summary>
    public required double Actual { get; init; }
    /// <summary>predicted − actual.</summary>
    public double? Error { get; init; }
    public double? AbsoluteError { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public required IntervalMethod Interval { get; init; }
    public bool? Covered { get; init; }
    /// <summary>log10 of the run's compute over the largest compute fitted on.</summary>
    public required double ExtrapolationDistance { get; init; }
}

/// <summary>One predictor on one task (or "all" tasks): mean absolute error, interval coverage, mean width and
/// mean Winkler interval score (width + 2/α × distance outside), over the usable held-out predictions.</summary>
public sealed record BacktestSummary
{
    public required string Task { get; init; }
    public required LadderPredictorKind Predictor { get; init; }
    public required int Count { get; init; }
    public int Failed { get; init; }
    public double? MeanAbsoluteError { get; init; }
    public double? Coverage { get; init; }
    public double? MeanWidth { get; init; }
    public double? IntervalScore { get; init; }
}

/// <summary>The result of <see cref="LadderBacktest.Run(LadderDescription, LadderBacktestRequest)"/>.</summary>
public sealed record LadderBacktestResult
{
    public required string Ladder { get; init; }
    public required IntervalMethod Interval { get; init; }
    public required double Level { get; init; }
    public required IReadOnlyList<BacktestFold> Folds { get; init; }
    public required IReadOnlyList<BacktestRow> Rows { get; init; }
    /// <summary>Per task and predictor, then per predictor over all tasks (task "all").</summary>
    public required IReadOnlyList<BacktestSummary> Summary { get; init; }
    /// <summary>Predictors a task cannot use, with the reason ("task: predictor: reason").</summary>
    public IReadOnlyList<string> Unavailable { get; init; } = [];
}
