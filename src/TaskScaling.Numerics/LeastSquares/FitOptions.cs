namespace TaskScaling.Numerics.LeastSquares;

/// <summary>The loss applied to each residual r_i (r_i = ŷ_i − y_i, or ln ŷ_i − ln y_i in log space).</summary>
public enum LossKind
{
    /// <summary>ρ(r) = r² (ordinary least squares; the objective reported is ½ Σ r², as scipy's cost).</summary>
    Linear,
    /// <summary>ρ(r) = ½r² for |r| ≤ δ, δ(|r| − δ/2) otherwise (reported objective Σ ρ).</summary>
    Huber,
}

/// <summary>Options of a curve fit. Every field has a sensible default.</summary>
public sealed record FitOptions
{
    /// <summary>Per-parameter lower bounds (−∞ = free); null = all free.</summary>
    public double[]? Lower { get; init; }
    /// <summary>Per-parameter upper bounds (+∞ = free); null = all free.</summary>
    public double[]? Upper { get; init; }
    /// <summary>Per-observation weights wᵢ ≥ 0 (null = all 1). Each residual is multiplied by √wᵢ before the loss,
    /// so least squares minimises ½Σ wᵢrᵢ²: an integer wᵢ is the same problem as repeating observation i wᵢ times,
    /// and wᵢ = 1/σᵢ² is scipy's curve_fit(sigma=σ). RSS, residual SD and covariance are those of the weighted
    /// residuals (s² = Σwᵢrᵢ²/(n − p), as curve_fit with absolute_sigma=False).</summary>
    public double[]? Weights { get; init; }
    public LossKind Loss { get; init; } = LossKind.Linear;
    public double HuberDelta { get; init; } = 1.0;
    /// <summary>Fit residuals of log predictions: r = ln f(x; p) − ln y (predictions must stay positive).</summary>
    public bool LogSpace { get; init; }
    public int MaxIterations { get; init; } = 10_000;
    /// <summary>Stop when the relative reduction of the objective falls below this.</summary>
    public double FunctionTolerance { get; init; } = 1e-15;
    /// <summary>Stop when the relative step size falls below this.</summary>
    public double StepTolerance { get; init; } = 1e-15;
    /// <summary>Stop when the (projected) gradient's infinity norm falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-15;
    /// <summary>Use finite differences even when the model has an analytic gradient.</summary>
    public bool ForceFiniteDifferences { get; init; }
    /// <summary>Add geodesic acceleration to the Levenberg–Marquardt steps (Transtrum &amp; Sethna 2012); one
    /// extra model evaluation per trial step, far fewer iterations on curved problems.</summary>
    public bool GeodesicAcceleration { get; init; } = true;
    /// <summary>Undamped Gauss–Newton steps taken after a convergence test is met, each kept only if it lowers the
    /// objective: near the optimum the gain ratio is dominated by rounding, so damped steps stop a little short
    /// (visible in the NIST residual SDs). 0 skips the polishing (bootstrap refits, where the last digits do not matter).</summary>
    public int PolishSteps { get; init; } = 5;
    /// <summary>Compute the covariance and standard errors at the end (skip it in bootstrap refits for speed).</summary>
    public bool ComputeCovariance { get; init; } = true;
}
