namespace TaskScaling.Ladder;

/// <summary>The intermediate feature that links step 1 and step 2.</summary>
public enum LadderFeature
{
    /// <summary>Task loss: bits per byte of the correct answer (the paper's main choice).</summary>
    Bpb,
    /// <summary>The C4 validation cross-entropy (one language-modelling loss for every task).</summary>
    C4,
    /// <summary>Task cross-entropy: −(mean log-probability of the correct answer).</summary>
    Ce,
}
