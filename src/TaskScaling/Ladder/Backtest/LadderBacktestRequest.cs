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
    /// <summary>Moving-average window of step 1 and step 2 (the last this-many checkpoints averaged); null = the feature's default.</summary>
    public int? MovingAverage { get; init; }
    /// <summary>Step-1 points per ladder run (<see cref="LadderSettings.Step1Checkpoints"/>); null = the description's, else 1.</summary>
    public int? Step1Checkpoints { get; init; }
}
