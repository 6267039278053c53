using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>
/// A power law on log-accuracy against compute (Krajewski et al. 2025): −ln acc = e^a·C^(−α) + E, fitted on the
/// runs' final accuracies with the flops step 1's form, start, bounds and log-space Huber loss; acc = exp(−L̂),
/// SE(acc) = acc·SE(L̂).
/// </summary>
internal sealed class DirectPredictor(IReadOnlyList<Step1Point> points, bool useF) : ITaskPredictor
{
    public static FormSetup Form => LadderForms.Step1Flops;

    public LadderPredictorKind Kind => LadderPredictorKind.Direct;

    public string? Unidentifiable(IReadOnlyList<int> runs)
    {
        int distinct = runs.Select(i => RunInput.Of(points[i]).Compute(useF)).Distinct().Count();
        return distinct >= Form.ParameterCount ? null
            : $"the power law in compute has {Form.ParameterCount} parameters but the runs give only {distinct} distinct compute values";
    }

    /// <remarks>Three parameters on a handful of points: cheap from the fixed start, so folds start there too.</remarks>
    public PredictorFit? Fit(IReadOnlyList<int> runs, FoldStart? fold, out string? problem)
    {
        problem = null;
        foreach (var i in runs)
            if (!(points[i].Y > 0))
            {
                problem = $"run {points[i].Run} has accuracy {points[i].Y}: its logarithm is undefined";
                return null;
            }
        var obs = new Observations(runs.Select(i => new[] { RunInput.Of(points[i]).Compute(useF) }).ToArray(),
            runs.Select(i => -Math.Log(points[i].Y)).ToArray());
        var fit = Form.Fit(obs);
        if (!fit.Usable) { problem = $"direct fit failed: {fit.Fit.Message}"; return null; }
        return new PredictorFit(p => At(fit, p, useF), Direct: fit);
    }

    /// <summary>The fitted power law's accuracy exp(−L̂) at p and its SE acc·SE(L̂) (fresh and saved fits alike).</summary>
    public static Estimate At(FittedForm fit, RunInput p, bool useF)
    {
        double c = p.Compute(useF), acc = Math.Exp(-fit.Predict(c));
        return new Estimate(acc, acc * fit.StandardError(c));
    }
}
