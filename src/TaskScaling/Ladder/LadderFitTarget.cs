namespace TaskScaling.Ladder;

/// <summary>A target stored in a <see cref="LadderFit"/>: N, D, F (when known) and, per task, what it actually scored.</summary>
public sealed record LadderFitTarget
{
    public required string Name { get; init; }
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    public double? FlopsPerToken { get; init; }
    /// <summary>Actual feature and accuracy by task name (tasks whose evaluation the target's file holds).</summary>
    public IReadOnlyDictionary<string, TargetActuals> Actuals { get; init; } = new Dictionary<string, TargetActuals>();
}
