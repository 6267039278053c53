namespace TaskScaling.Skills;

/// <summary>
/// A fitted skill model (spec §2): its design, parameter layout and values, training figures and the
/// optimiser's report. <see cref="Predict"/> and <see cref="SkillsOf"/> work for any design with the same columns.
/// </summary>
public sealed record SkillFitResult
{
    public required SkillDesign Design { get; init; }
    public required SkillParameters Layout { get; init; }
    public required double[] Parameters { get; init; }
    /// <summary>Which lower asymptotes were trained.</summary>
    public required bool LowerBoundTrained { get; init; }
    /// <summary>Mean |ŷ − y| on the training cells at <see cref="Parameters"/> (Adam: the best epoch's pre-step value).</summary>
    public required double TrainingMae { get; init; }
    /// <summary>SmoothL1 training loss at <see cref="Parameters"/>.</summary>
    public required double Loss { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required bool Converged { get; init; }
    public required string Message { get; init; }
    /// <summary>Adam: the learning rate kept by the sweep; L-BFGS: NaN.</summary>
    public double LearningRate { get; init; } = double.NaN;
    /// <summary>Adam only: the best training MAE of every learning rate tried.</summary>
    public IReadOnlyList<double> SweepMae { get; init; } = [];
    /// <summary>Adam only: the epochs every learning rate ran (until early stopping or the epoch limit).</summary>
    public IReadOnlyList<int> SweepEpochs { get; init; } = [];

    public int Skills => Layout.Skills;
    public LinkKind Link => Layout.Link;

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
