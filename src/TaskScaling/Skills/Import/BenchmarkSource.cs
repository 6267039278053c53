namespace TaskScaling.Skills.Import;

/// <summary>How a benchmark's score is taken from a task of lm-eval results.</summary>
public enum ScoreAggregate
{
    /// <summary>The task's (or group's) own metric value.</summary>
    Value,
    /// <summary>
    /// The unweighted mean of the metric over the group's leaf subtasks (following "group_subtasks"
    /// down), as the skills data's MMLU is the unweighted mean of its 57 subjects; lm-eval's own group
    /// row weights subjects by size. Falls back to the group's value when the file lists no subtasks.
    /// </summary>
    SubtaskMean,
}

/// <summary>
/// Where a skills-table benchmark comes from in lm-eval results: a task (or group) and one or more metric
/// keys; with several metrics the score is their unweighted mean (IFEval: the mean of the strict
/// prompt-level and instruction-level accuracies, as the Open LLM Leaderboard scores it).
/// </summary>
public sealed record BenchmarkSource(string Benchmark, string Task, IReadOnlyList<string> Metrics,
    ScoreAggregate Aggregate = ScoreAggregate.Value)
{
    public override string ToString() =>
        $"{Benchmark} ← {Task} [{string.Join(" + ", Metrics)}]{(Aggregate == ScoreAggregate.SubtaskMean ? " (mean over subtasks)" : "")}";
}
