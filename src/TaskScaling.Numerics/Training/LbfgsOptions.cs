namespace TaskScaling.Numerics.Training;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Number of (s, y) pairs kept.</summary>
    public int History { get; init; } = 10;
    /// <summary>Stop when the (projected) gradient's ‖P∇f‖∞ falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-10;
    /// <summary>Stop when f decreased by less than RelativeTolerance·|f| over the last <see cref="Window"/> iterations.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;
    public int Window { get; init; } = 10;
    /// <summary>Armijo sufficient-decrease constant.</summary>
    public double Armijo { get; init; } = 1e-4;
    public int MaxLineSearchSteps { get; init; } = 30;
}
