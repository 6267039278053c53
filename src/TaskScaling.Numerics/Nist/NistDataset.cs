namespace TaskScaling.Numerics.Nist;

/// <summary>
/// One NIST StRD nonlinear-regression problem as read from its .dat file: the observations (response y,
/// predictors x), the two certified starting points, the certified parameter values and standard
/// deviations, and the certified residual sum of squares and residual standard deviation.
/// </summary>
public sealed record NistDataset
{
    public required string Name { get; init; }
    public required string Source { get; init; }
    /// <summary>The model line(s) of the file, as printed there.</summary>
    public required string ModelText { get; init; }
    public required IReadOnlyList<string> ParameterNames { get; init; }
    public required double[] Start1 { get; init; }
    public required double[] Start2 { get; init; }
    public required double[] CertifiedValues { get; init; }
    public required double[] CertifiedStandardDeviations { get; init; }
    public required double ResidualSumOfSquares { get; init; }
    public required double ResidualStandardDeviation { get; init; }
    public required int DegreesOfFreedom { get; init; }
    /// <summary>Response values, one per observation.</summary>
    public required double[] Y { get; init; }
    /// <summary>Predictor values: X[i] has one entry per predictor column.</summary>
    public required double[][] X { get; init; }
    /// <summary>"Lower", "Average" or "Higher" level of difficulty, as the file states.</summary>
    public required string Difficulty { get; init; }

    public int Count => Y.Length;
    public double[] Start(int which) => which == 1 ? Start1 : which == 2 ? Start2
        : throw new ArgumentOutOfRangeException(nameof(which), "NIST problems have starts 1 and 2");
}
