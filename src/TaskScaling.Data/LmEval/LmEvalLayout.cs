namespace TaskScaling.Data.LmEval;

/// <summary>Which lm-evaluation-harness results layout a file uses.</summary>
public enum LmEvalLayout
{
    /// <summary>v0.4 and later: "metric,filter" keys ("acc,none", "acc_stderr,none"), groups, group_subtasks.</summary>
    Current,
    /// <summary>v0.3 and earlier: plain keys ("acc", "acc_norm", "ppl", "acc_stderr").</summary>
    Legacy,
}
