namespace TaskScaling.Skills;

/// <summary>
/// A fitted skill model (spec §2): the fitted link (<see cref="SkillLinkFit"/>: parameter values, training figures,
/// the optimiser's report) with its design, parameter layout and Adam's sweep. <see cref="Predict"/> and
/// <see cref="SkillsOf"/> work for any design with the same columns.
/// </summary>
public sealed record SkillFitResult : SkillLinkFit
{
    public required SkillDesign Design { get; init; }
    public required SkillParameters Layout { get; init; }
    /// <summary>Adam only: the best training MAE of every learning rate tried.</summary>
    public IReadOnlyList<double> SweepMae { get; init; } = [];
    /// <summary>Adam only: the epochs every learning rate ran (until early stopping or the epoch limit).</summary>
    public IReadOnlyList<int> SweepEpochs { get; init; } = [];

    public int Skills => Layout.Skills;

    /// <summary>Lower asymptotes c_j = sigmoid(γ_j).</summary>
    public double[] LowerAsymptotes =>
        Enumerable.Range(0, Layout.Benchmarks).Select(j => 1.0 / (1.0 + Math.Exp(-Parameters[Layout.Gamma + j]))).ToArray();

    /// <summary>Predicted scores (rows×J).</summary>
    public double[,] Predict(SkillDesign design) => SkillObjective.Predict(Parameters, Layout, design);

    /// <summary>Skills θ (rows×d).</summary>
    public double[,] SkillsOf(SkillDesign design) => SkillObjective.Skills(Parameters, Layout, design);

    /// <summary>W = [Aᵀ; a] (q×d): the map from design rows to skills.</summary>
    public double[,] Coefficients
    {
        get
        {
            var w = new double[Layout.Columns, Layout.Skills];
            for (int c = 0; c < Layout.Columns; c++) for (int k = 0; k < Layout.Skills; k++) w[c, k] = Parameters[Layout.W + c * Layout.Skills + k];
            return w;
        }
    }

    /// <summary>Λ (J×d).</summary>
    public double[,] Loadings
    {
        get
        {
            var l = new double[Layout.Benchmarks, Layout.Skills];
            for (int j = 0; j < Layout.Benchmarks; j++) for (int k = 0; k < Layout.Skills; k++) l[j, k] = Parameters[Layout.Lambda + j * Layout.Skills + k];
            return l;
        }
    }
}
