namespace TaskScaling.Data.LmEval;

/// <summary>How the older layout's 57 "hendrycksTest-*" subjects become one MMLU score.</summary>
public enum MmluAggregation
{
    /// <summary>
    /// Add a group "mmlu" whose every metric is the unweighted mean over the subjects that have it
    /// (as the skills data's MMLU is); its standard error is sqrt(Σ se_i²)/m over those m subjects,
    /// assuming independent subjects, and missing if any subject lacks one.
    /// </summary>
    UnweightedMean,
    /// <summary>Leave the subjects as they are; no "mmlu" entry is added.</summary>
    None,
}
