namespace TaskScaling.Ladder;

/// <summary>How accuracy is predicted from the ladder.</summary>
public enum LadderVariant
{
    /// <summary>(N, D) → feature by a power law, then feature → accuracy by a sigmoid (the paper's method).</summary>
    TwoStep,
    /// <summary>Step 1 on training compute C = D × F alone, then the same step 2.</summary>
    Flops,
    /// <summary>(N, D) → accuracy in one form: a sigmoid of the power law.</summary>
    SingleStep,
    /// <summary>The ablation "step 1 directly on accuracy": a negated power law in N and D.</summary>
    DirectAccuracy,
    /// <summary>Multiple-choice-format accuracy: step 1 on the ladder, step 2 on the target's own
    /// intermediate checkpoints with floor and ceiling pinned at chance and 1.</summary>
    Mc,
}
