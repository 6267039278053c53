using System.Text.Json.Serialization;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>
/// One training run of the ladder (or a target): its evaluation file(s) — a W&amp;B history CSV, or one
/// lm-evaluation-harness results file per checkpoint (<see cref="Format"/>) — and what the files do not say:
/// non-embedding parameters N, training FLOPs per token F (optional: only the FLOPs variant needs it), and
/// for ladder runs the Chinchilla multiple k (trained to k × 20 tokens per parameter).
/// </summary>
public sealed record LadderRun
{
    /// <summary>Unique name, e.g. "190M-1xC" or "13B-5T".</summary>
    public required string Name { get; init; }
    /// <summary>The run's history CSV, or (lm-eval) its folder, glob or file of per-checkpoint results;
    /// relative to the description file's folder (or absolute).</summary>
    public required string File { get; init; }
    /// <summary>What <see cref="File"/> holds (default a W&amp;B CSV).</summary>
    public RunFormat Format { get; init; } = RunFormat.Wandb;
    /// <summary>Size label, e.g. "190M" or "1.3B".</summary>
    public required string Size { get; init; }
    /// <summary>Non-embedding parameters N (NaN = not filled in; JSON null).</summary>
    [JsonConverter(typeof(NullAsNaNConverter))]
    public required double Parameters { get; init; }
    /// <summary>Training FLOPs per token F (compute C = D × F); NaN (JSON null or absent) when unknown —
    /// then the FLOPs variant is refused.</summary>
    [JsonConverter(typeof(NullAsNaNConverter))]
    public double FlopsPerToken { get; init; } = double.NaN;
    public RunRole Role { get; init; } = RunRole.Ladder;
    /// <summary>k of "kxC" (ladder runs): nominal compute F · N · 20 · k, and the "vary xC" analysis.</summary>
    public double? ChinchillaMultiple { get; init; }
    public TokenSpec Tokens { get; init; } = TokenSpec.Auto;
    /// <summary>Targets only: a file of the target's intermediate checkpoints (same format as <see cref="File"/>),
    /// on which the MC-format analysis fits its step 2.</summary>
    public string? IntermediateFile { get; init; }

    /// <summary>True when F is given.</summary>
    [JsonIgnore]
    public bool HasFlopsPerToken => double.IsFinite(FlopsPerToken) && FlopsPerToken > 0;
}
