using System.Text.Json.Serialization;

namespace TaskScaling.Ladder;

/// <summary>
/// A downstream task: the columns holding its intermediate feature ("loss") and accuracy (a task with
/// sub-tasks, like MMLU, lists several columns and they are averaged with their weights) and its chance
/// accuracy. Any metric can be the feature, through <see cref="LossTransform"/> (e.g. log of a perplexity).
/// </summary>
public sealed record LadderTask
{
    /// <summary>Short key used on the command line and in output, e.g. "mmlu".</summary>
    public required string Name { get; init; }
    /// <summary>Human-readable name, e.g. "MMLU".</summary>
    public string? DisplayName { get; init; }
    /// <summary>Chance accuracy (the floor), e.g. 0.25 for four choices (NaN = not filled in; JSON null).</summary>
    [JsonConverter(typeof(NullAsNaNConverter))]
    public required double Chance { get; init; }
    /// <summary>The intermediate feature (lower is better), e.g. task bits per byte; may be empty, in which case
    /// only the variants that need no feature (single-step, direct accuracy) are possible.</summary>
    public IReadOnlyList<WeightedColumn> Loss { get; init; } = [];
    /// <summary>Applied to each loss column before averaging: Σ wᵢ f(xᵢ) / Σ wᵢ.</summary>
    public FeatureTransform LossTransform { get; init; } = FeatureTransform.Identity;
    /// <summary>Accuracy (ranked-classification format), on the 0–1 scale.</summary>
    public required IReadOnlyList<WeightedColumn> Accuracy { get; init; }
    /// <summary>Mean log-probability of the correct answer (negated into the task cross-entropy feature); optional.</summary>
    public IReadOnlyList<WeightedColumn> LogProbability { get; init; } = [];
    /// <summary>Accuracy in multiple-choice format (the MC analysis); optional.</summary>
    public IReadOnlyList<WeightedColumn> McAccuracy { get; init; } = [];

    [JsonIgnore]
    public string Label => DisplayName ?? Name;
}
