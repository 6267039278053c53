using System.Text.Json.Serialization;

namespace TaskScaling.Ladder;

/// <summary>All tasks' predictions for one target (N parameters, D tokens).</summary>
public sealed record TargetPrediction
{
    public required string Target { get; init; }
    [JsonPropertyName("params")]
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    /// <summary>Training compute C = D × F, when F is known.</summary>
    public double? Compute { get; init; }
    public required IReadOnlyList<TaskPrediction> Tasks { get; init; }
}
