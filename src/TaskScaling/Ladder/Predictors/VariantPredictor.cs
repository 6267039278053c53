namespace TaskScaling.Ladder;

/// <summary>two-step, single-step or flops: the variant's own fitting code (<see cref="TaskPipeline"/>) and its
/// chained delta-method SE (<see cref="LadderPredictor.AccuracyEstimate"/>).</summary>
/// <param name="maxIterations">Cap on step 1's iterations (<see cref="TaskPipeline.Fit"/>): <see cref="SingleStepIterations"/> for single-step.</param>
/// <param name="step2">Step-2 fits shared with the task's other predictor that has step 2 (two-step and flops).</param>
internal sealed class VariantPredictor(LadderPredictorKind kind, TaskPipeline pipeline, int? maxIterations = null, SharedStep2? step2 = null) : ITaskPredictor
{
    /// <summary>The single-step predictor's iteration cap (its variant allows 20,000): on the paper ladder its full fits converge
    /// in about 100 iterations, while folds of few runs, which barely identify its 7 parameters, wander to the limit at
    /// 20× the cost of the whole backtest; capped, such a fit ends as max-iterations-reached and is scored as it stands.</summary>
    public const int SingleStepIterations = 500;
    // Single-step folds keep the paper's tolerances: its 7-parameter fits of few runs are poorly conditioned, and
    // stopped at a relative objective reduction of 1e-10 (the other variants' fold options) their backtest error
    // on the paper ladder doubled (mean absolute error 1.2 → 2.3 points), so the looser stop is not harmless there.

    public LadderPredictorKind Kind => kind;
    public TaskPipeline Pipeline => pipeline;

    public string? Unidentifiable(IReadOnlyList<int> runs) =>
        pipeline.Step1Problems(runs) is { Count: > 0 } r ? string.Join("; ", r) : null;

    public Func<RunInput, Estimate>? Fit(IReadOnlyList<int> runs, out string? problem)
    {
        var fit = pipeline.Fit(runs, covariance: true, maxIterations: maxIterations, step2: step2?.For(pipeline, runs, covariance: true), fold: kind != LadderPredictorKind.SingleStep);
        problem = fit.Problem;
        if (!fit.Usable) return null;
        var variant = pipeline.Variant;
        return p => LadderPredictor.AccuracyEstimate(variant, fit, p.N, p.D, p.F);
    }
}
