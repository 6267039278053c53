namespace TaskScaling.Skills;

/// <summary>
/// The payload of a saved skill model (envelope kind "skills", see <see cref="SkillModelFile"/>): the on-disk
/// form of a <see cref="SkillModel"/>, with every matrix as an array of rows.
/// </summary>
internal sealed record SkillModelPayload
{
    /// <summary>"sloth": the latent-skill model of Maia Polo et al. (2024).</summary>
    public required string Method { get; init; }
    public required IReadOnlyList<string> Benchmarks { get; init; }
    /// <summary>Chance levels c_j held fixed by the sigmoid fit, in benchmark order.</summary>
    public required double[] LowerBounds { get; init; }
    public required Covariates Covariates { get; init; }
    /// <summary>Names of the slope covariates, in column order (e.g. log10 S, log10 T, log10 S·log10 T).</summary>
    public required IReadOnlyList<string> CovariateColumns { get; init; }
    public required InterceptKind Intercept { get; init; }
    /// <summary>Families in design column order.</summary>
    public required IReadOnlyList<string> Families { get; init; }
    public required int Skills { get; init; }
    public required int Seed { get; init; }
    public required SkillFitOptions FitOptions { get; init; }
    public required IReadOnlyList<SkillModelTrainingRow> TrainingModels { get; init; }
    /// <summary>The sigmoid link first, then the monotone link when fitted.</summary>
    public required IReadOnlyList<SkillLinkPayload> Links { get; init; }
    public required SkillInterpretationPayload Interpretation { get; init; }
    /// <summary>The ensemble of `skills predict --save` (absent from `skills fit` models).</summary>
    public SkillEnsemblePayload? Ensemble { get; init; }
}

/// <summary>A saved <see cref="SkillEnsemble"/>.</summary>
internal sealed record SkillEnsemblePayload
{
    public required LinkKind Link { get; init; }
    public required IReadOnlyList<SkillEnsembleMemberPayload> Members { get; init; }
    public required int GivenModels { get; init; }
    /// <summary>The held-out cells of the calibration (benchmark = index into the model's benchmarks).</summary>
    public required IReadOnlyList<CalibrationResidual> Residuals { get; init; }
}

internal sealed record SkillEnsembleMemberPayload
{
    public required int Seed { get; init; }
    public required IReadOnlyList<string> HeldOutFamilies { get; init; }
    public required SkillLinkPayload Fit { get; init; }
}

/// <summary>
/// One fitted link: θ = [x, D]·W with W = [Aᵀ; a] (<see cref="Slopes"/> = Aᵀ, one row per covariate;
/// <see cref="Intercepts"/> = a, one row per family or one shared row), z_j = λ_jᵀθ + b_j,
/// ŷ_j = c_j + (1 − c_j)·g_j(z_j), c_j = sigmoid(γ_j).
/// </summary>
internal sealed record SkillLinkPayload
{
    public required LinkKind Link { get; init; }
    public required double TrainingMae { get; init; }
    public required double Loss { get; init; }
    public required bool LowerBoundTrained { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required bool Converged { get; init; }
    public required string Message { get; init; }
    public double LearningRate { get; init; } = double.NaN;
    /// <summary>Aᵀ: covariate × skill.</summary>
    public required double[][] Slopes { get; init; }
    /// <summary>a: intercept column (family) × skill.</summary>
    public required double[][] Intercepts { get; init; }
    /// <summary>Λ: benchmark × skill.</summary>
    public required double[][] Loadings { get; init; }
    /// <summary>b: one per benchmark.</summary>
    public required double[] B { get; init; }
    /// <summary>γ: one per benchmark (c = sigmoid(γ)).</summary>
    public required double[] Gamma { get; init; }
    /// <summary>c = sigmoid(γ), for reading only (predictions use γ).</summary>
    public required double[] LowerAsymptotes { get; init; }
    /// <summary>Monotone link only: one network per benchmark.</summary>
    public IReadOnlyList<MonotoneNetworkPayload>? Networks { get; init; }
}

/// <summary>g(z) = sigmoid(W3·tanh(W2·tanh(W1·tanh z + v1) + v2) + v3), weights ≥ 0 (10 hidden units per layer).</summary>
internal sealed record MonotoneNetworkPayload
{
    public required double[] W1 { get; init; }
    public required double[] V1 { get; init; }
    /// <summary>10×10, row = output unit.</summary>
    public required double[][] W2 { get; init; }
    public required double[] V2 { get; init; }
    public required double[] W3 { get; init; }
    public required double V3 { get; init; }
}

/// <summary>The rotated interpretation of the sigmoid fit (see <see cref="SkillInterpretation"/>).</summary>
internal sealed record SkillInterpretationPayload
{
    public required IReadOnlyList<string> Benchmarks { get; init; }
    public required double[][] Loadings { get; init; }
    public required double[][] Correlation { get; init; }
    public required IReadOnlyList<string> CoefficientNames { get; init; }
    public required double[][] Coefficients { get; init; }
    public required int SlopeRows { get; init; }
    public required IReadOnlyList<string> Families { get; init; }
    public required double[] Translation { get; init; }
    public required double[][] TrainingSkills { get; init; }
    public required double TrainingMae { get; init; }
    public SkillRotationPayload? Rotation { get; init; }
}

/// <summary>The oblique geomin rotation report (d &gt; 1).</summary>
internal sealed record SkillRotationPayload
{
    public required double[][] Loadings { get; init; }
    public required double[][] Rotation { get; init; }
    public required double[][] Phi { get; init; }
    public double Criterion { get; init; }
    public int Iterations { get; init; }
    public double GradientNorm { get; init; }
    public bool Converged { get; init; }
    public required string Message { get; init; }
}
