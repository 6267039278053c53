namespace TaskScaling.Ladder;

/// <summary>
/// A downstream task: the columns holding its loss and accuracy (a task with sub-tasks, like MMLU,
/// lists several columns and they are averaged with their weights) and its chance accuracy.
/// </summary>
public sealed record LadderTask
{
    /// <summary>Short key used on the command line and in output, e.g. "mmlu".</summary>
    public required string Name { get; init; }
    /// <summary>Human-readable name, e.g. "MMLU".</summary>
    public string? DisplayName { get; init; }
    /// <summary>Chance accuracy (the floor), e.g. 0.25 for four choices.</summary>
    public required double Chance { get; init; }
    /// <summary>Task loss (bits per byte of the correct continuation).</summary>
    public required IReadOnlyList<WeightedColumn> Loss { get; init; }
    /// <summary>Accuracy (ranked-classification format).</summary>
    public required IReadOnlyList<WeightedColumn> Accuracy { get; init; }
    /// <summary>Mean log-probability of the correct answer (negated into the task cross-entropy feature); optional.</summary>
    public IReadOnlyList<WeightedColumn> LogProbability { get; init; } = [];
    /// <summary>Accuracy in multiple-choice format (the MC analysis); optional.</summary>
    public IReadOnlyList<WeightedColumn> McAccuracy { get; init; } = [];

    public string Label => DisplayName ?? Name;
}
