namespace TaskScaling.Ladder;

/// <summary>The naive baseline: the final accuracy (step-1 mean of the last rows) of the largest-compute run fitted on,
/// whatever the target; no parameter uncertainty (SE 0).</summary>
internal sealed class LargestRungPredictor(IReadOnlyList<Step1Point> points, bool useF) : ITaskPredictor
{
    public LadderPredictorKind Kind => LadderPredictorKind.LargestRung;

    public string? Unidentifiable(IReadOnlyList<int> runs) => runs.Count > 0 ? null : "no ladder run to take the accuracy of";

    public PredictorFit? Fit(IReadOnlyList<int> runs, FoldStart? fold, out string? problem)
    {
        problem = null;
        var largest = runs.MaxBy(i => RunInput.Of(points[i]).Compute(useF));
        var estimate = new Estimate(points[largest].Y, 0);
        return new PredictorFit(_ => estimate);
    }
}
