namespace TaskScaling.Ladder;

/// <summary>What a run's <c>file</c> holds.</summary>
public enum RunFormat
{
    /// <summary>A W&amp;B run-history CSV: one row per checkpoint, one column per metric.</summary>
    Wandb,
    /// <summary>lm-evaluation-harness results, one results JSON per checkpoint: <c>file</c> is a folder (every
    /// <c>*.json</c> below it), a glob (<c>dir/*.json</c>, <c>dir/**/results_*.json</c>) or one file. Metrics are
    /// named <c>task/metric</c>, e.g. <c>arc_easy/acc_norm</c> (<c>arc_easy/acc_norm,none</c> also works).</summary>
    LmEval,
}
