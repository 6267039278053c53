using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Numerics.Nist;

/// <summary>
/// One fit of a NIST problem from one of its two certified starts, scored by log relative errors:
/// the worst parameter, the residual standard deviation and the worst parameter standard deviation.
/// </summary>
public sealed record NistRun
{
    public required string Problem { get; init; }
    public required int Start { get; init; }
    public required string Difficulty { get; init; }
    public required double ParamLre { get; init; }
    public required double ResidualSdLre { get; init; }
    public required double StdErrLre { get; init; }
    public required FitStatus Status { get; init; }
    public required string Message { get; init; }
    public required int Iterations { get; init; }
    public required double[] Parameters { get; init; }
}
