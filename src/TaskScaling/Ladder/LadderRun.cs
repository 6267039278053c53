namespace TaskScaling.Ladder;

/// <summary>
/// One training run of the ladder (or a target): its W&amp;B history file and what the file does not say —
/// non-embedding parameters N, training FLOPs per token F, and for ladder runs the Chinchilla multiple k
/// (trained to k × 20 tokens per parameter).
/// </summary>
public sealed record LadderRun
{
    /// <summary>Unique name, e.g. "190M-1xC" or "13B-5T".</summary>
    public required string Name { get; init; }
    /// <summary>The run's history CSV, relative to the description file's folder (or absolute).</summary>
    public required string File { get; init; }
    /// <summary>Size label, e.g. "190M" or "1.3B".</summary>
    public required string Size { get; init; }
    /// <summary>Non-embedding parameters N.</summary>
    public required double Parameters { get; init; }
    /// <summary>Training FLOPs per token F (compute C = D × F).</summary>
    public required double FlopsPerToken { get; init; }
    public RunRole Role { get; init; } = RunRole.Ladder;
    /// <summary>k of "kxC" (ladder runs): nominal compute F · N · 20 · k, and the "vary xC" analysis.</summary>
    public double? ChinchillaMultiple { get; init; }
    public TokenSpec Tokens { get; init; } = TokenSpec.Auto;
    /// <summary>Targets only: a file of the target's intermediate checkpoints, on which the MC-format
    /// analysis fits its step 2.</summary>
    public string? IntermediateFile { get; init; }
}
