namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// The outcome of a fit, in the manner of scipy.optimize's OptimizeResult: parameters, a status and a
/// readable message, counts, goodness of fit and the parameter covariance. Non-convergence is a status,
/// never an exception.
/// </summary>
public sealed record FitResult
{
    public required double[] Parameters { get; init; }
    public required IReadOnlyList<string> ParameterNames { get; init; }
    public required FitStatus Status { get; init; }
    public required string Message { get; init; }
    public bool Success => Status == FitStatus.Converged;
    public int Iterations { get; init; }
    public int FunctionEvaluations { get; init; }
    /// <summary>The minimised objective (see <see cref="LossKind"/>).</summary>
    public double Objective { get; init; }
    /// <summary>Σ r_i² of the residuals in the fitted space (log space when the fit was).</summary>
    public double ResidualSumOfSquares { get; init; }
    /// <summary>sqrt(RSS / (n − p)); NaN when n ≤ p.</summary>
    public double ResidualStandardDeviation { get; init; }
    public int DegreesOfFreedom { get; init; }
    /// <summary>Parameter covariance s²(JᵀJ)⁻¹ with s² = RSS/(n − p), J the Jacobian in the fitted space at the
    /// estimate (pseudo-inverse where singular; all parameters, also those at a bound; for Huber fits the same
    /// least-squares formula at the robust estimate); null when undefined or not requested.</summary>
    public double[,]? Covariance { get; init; }
    /// <summary>Square roots of the covariance diagonal; NaN where undefined.</summary>
    public required double[] StandardErrors { get; init; }
    /// <summary>For each parameter: −1 at its lower bound, +1 at its upper bound, 0 inside.</summary>
    public int[] ActiveBounds { get; init; } = [];
}
