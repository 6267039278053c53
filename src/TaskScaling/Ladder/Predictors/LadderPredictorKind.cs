namespace TaskScaling.Ladder;

/// <summary>How a task's accuracy is predicted from the ladder (<c>--predictor</c>).</summary>
public enum LadderPredictorKind
{
    /// <summary>Per task, the predictor with the smallest backtest mean absolute error on the ladder's own runs.</summary>
    Auto,
    /// <summary>The paper's two steps: (N, D) → feature → accuracy.</summary>
    TwoStep,
    /// <summary>One sigmoid of a power law in N and D, straight to accuracy.</summary>
    SingleStep,
    /// <summary>Two steps with step 1 on training compute C = D·F.</summary>
    Flops,
    /// <summary>A power law on log-accuracy against compute: −ln acc = e^a·C^(−α) + E (Krajewski et al. 2025).</summary>
    Direct,
    /// <summary>The naive baseline: the final accuracy of the largest-compute ladder run.</summary>
    LargestRung,
    /// <summary>A weighted mean of two-step, single-step, flops and direct, weights ∝ 1 / backtest mean squared error.</summary>
    Ensemble,
}
