namespace TaskScaling.Ladder;

/// <summary>
/// One task's part of a <see cref="LadderFit"/>: the task's name and chance level, the forms as set up for the
/// fit (start, bounds, options), the fitted forms, and the bootstrap refits (bootstrap intervals only).
/// </summary>
public sealed record LadderTaskFit
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>Chance accuracy of the task (enters the single-step start and bounds).</summary>
    public required double Chance { get; init; }
    /// <summary>How step 1 was fitted (form, start, bounds, options).</summary>
    public required FormSetup Step1Setup { get; init; }
    /// <summary>How step 2 was fitted; null for variants without a ladder-fitted step 2.</summary>
    public FormSetup? Step2Setup { get; init; }
    public required TaskFit Fit { get; init; }
    /// <summary>The refits on bootstrap resamples of the ladder runs; null without bootstrap intervals or when the full fit failed.</summary>
    public BootstrapFits? Bootstrap { get; init; }
}
