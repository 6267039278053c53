namespace TaskScaling.Ladder.Backtest;

/// <summary>How a backtest fold holds runs out.</summary>
public enum BacktestFoldKind
{
    /// <summary>Every run of one size (N), fitted on the smaller sizes only.</summary>
    Size,
    /// <summary>The run(s) of the next compute, fitted on every run of smaller compute; the last is the largest rung from all others.</summary>
    Compute,
}

/// <summary>One fold of a ladder backtest: the runs fitted on and the runs predicted; <see cref="Skipped"/> says why a
/// fold was not run (its training runs cannot identify step 1).</summary>
public sealed record BacktestFold
{
    public required string Name { get; init; }
    public required BacktestFoldKind Kind { get; init; }
    public required IReadOnlyList<string> TrainRuns { get; init; }
    public required IReadOnlyList<string> HeldOutRuns { get; init; }
    public string? Skipped { get; init; }

    internal int[] Train { get; init; } = [];
    internal int[] HeldOut { get; init; } = [];
}
