namespace TaskScaling.Ladder;

/// <summary>
/// How far a task's prediction stands out of the task's noise (after Heineman et al. 2025, "Signal and Noise"), from
/// the ladder runs only — a target's actual never enters. Every number is a fraction of accuracy (ratio excepted).
/// </summary>
public sealed record TaskPredictability
{
    /// <summary>SD of the accuracy over the last checkpoints of the runs of the largest N, pooled over those runs:
    /// sqrt(Σ nᵢ·sᵢ² / Σ nᵢ) (sᵢ the population SD of run i over its last nᵢ ≤ 10 checkpoints); null when no such run
    /// has two checkpoints.</summary>
    public double? Noise { get; init; }
    /// <summary>max − min over the ladder sizes N of the mean final accuracy of the size's runs.</summary>
    public required double Signal { get; init; }
    /// <summary>Signal / noise; null when the noise is null or 0.</summary>
    public double? Ratio { get; init; }
    /// <summary>|predicted − final accuracy of the largest-compute ladder run|.</summary>
    public required double PredictedChange { get; init; }
    /// <summary>True when the predicted change is within 2× the noise, or the predictor's backtest MAE exceeds it.</summary>
    public required bool Flagged { get; init; }
    /// <summary>Why the task is flagged ("; " between reasons); null when it is not.</summary>
    public string? Reason { get; init; }
}
