namespace TaskScaling.Numerics.LeastSquares;

public enum FitStatus
{
    /// <summary>A convergence test was met.</summary>
    Converged,
    /// <summary>The iteration limit was reached before a convergence test was met.</summary>
    MaxIterationsReached,
    /// <summary>The fit could not proceed (non-finite objective, singular problem, invalid start...).</summary>
    Failed,
}
