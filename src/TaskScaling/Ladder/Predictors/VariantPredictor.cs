namespace TaskScaling.Ladder;

/// <summary>two-step, single-step or flops: the variant's own fitting code (<see cref="TaskPipeline"/>) and its
/// chained delta-method SE (<see cref="LadderPredictor.AccuracyEstimate"/>).</summary>
/// <param name="maxIterations">Cap on step 1's iterations in backtest folds (<see cref="TaskPipeline.Fit"/>): <see cref="SingleStepIterations"/> for single-step.</param>
/// <param name="step2">Step-2 fits shared with the task's other predictor that has step 2 (two-step and flops).</param>
internal sealed class VariantPredictor(LadderPredictorKind kind, TaskPipeline pipeline, int? maxIterations = null, SharedStep2? step2 = null) : ITaskPredictor
{
    /// <summary>The single-step predictor's iteration cap in backtest folds (its variant allows 20,000): folds of few runs
    /// barely identify its 7 parameters and crawl along a flat valley (on the paper ladder 47 of 82 fold fits reached a
    /// cap of 500). Capped, a fit ends as max-iterations-reached and is scored as it stands; as each fold starts from the
    /// previous fold's fit (<see cref="FoldStart"/>), the chain carries the progress on. On the paper ladder a cap of 150
    /// gives single-step a backtest mean absolute error of 1.18 points (1.37 at 500) at a third of the cost.</summary>
    public const int SingleStepIterations = 150;
    // Single-step folds keep the paper's tolerances: its 7-parameter fits of few runs are poorly conditioned, and
    // stopped at a relative objective reduction of 1e-10 (the other variants' fold options) their backtest error
    // on the paper ladder doubled (mean absolute error 1.2 → 2.3 points), so the looser stop is not harmless there.

    public LadderPredictorKind Kind => kind;
    public TaskPipeline Pipeline => pipeline;

    public string? Unidentifiable(IReadOnlyList<int> runs) =>
        pipeline.Step1Problems(runs) is { Count: > 0 } r ? string.Join("; ", r) : null;

    public PredictorFit? Fit(IReadOnlyList<int> runs, FoldStart? fold, out string? problem)
    {
        bool inFold = fold is not null;
        var fit = pipeline.Fit(runs, warm: fold?.Previous?.Fit, covariance: true, maxIterations: inFold ? maxIterations : null,
            step2: step2?.For(pipeline, runs, inFold), fold: inFold && kind != LadderPredictorKind.SingleStep);
        problem = fit.Problem;
        if (!fit.Usable) return null;
        var variant = pipeline.Variant;
        return new PredictorFit(p => LadderPredictor.AccuracyEstimate(variant, fit, p.N, p.D, p.F), fit);
    }
}
