namespace TaskScaling.Skills;

/// <summary>Predict a model that is not in the table: its family, size (billions) and tokens (trillions).</summary>
public sealed record SkillsPredictionRequest
{
    public required string Family { get; init; }
    /// <summary>Parameters, billions.</summary>
    public required double Parameters { get; init; }
    /// <summary>Pre-training tokens, trillions.</summary>
    public required double Tokens { get; init; }
    public int Skills { get; init; } = 3;
    /// <summary>"v1", "v2" or "all".</summary>
    public string Set { get; init; } = "all";
    /// <summary>Monotone (Sloth, default) or sigmoid (Sloth basic).</summary>
    public LinkKind Link { get; init; } = LinkKind.Monotone;
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
}
