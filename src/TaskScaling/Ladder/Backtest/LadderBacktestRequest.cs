namespace TaskScaling.Ladder.Backtest;

/// <summary>What <see cref="LadderBacktest.Run(LadderDescription, LadderBacktestRequest)"/> backtests: tasks, predictors, interval method and level.</summary>
public sealed record LadderBacktestRequest
{
    /// <summary>Task names; null or empty = the description's default tasks.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }
    /// <summary>Predictors; null or empty = every predictor (auto included).</summary>
    public IReadOnlyList<LadderPredictorKind>? Predictors { get; init; }
    /// <summary>Intervals of the held-out predictions: calibrated (default; leave-one-size-out), delta or none.</summary>
    public IntervalMethod Interval { get; init; } = IntervalMethod.Calibrated;
    public double Level { get; init; } = 0.9;
    public LadderFeature Feature { get; init; } = LadderFeature.Bpb;
}
