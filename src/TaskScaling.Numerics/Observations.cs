namespace TaskScaling.Numerics;

/// <summary>Data for a fit: inputs X[i] (each of the model's input dimension) and outputs Y[i].</summary>
public sealed record Observations(double[][] X, double[] Y)
{
    public int Count => Y.Length;

    /// <summary>One-dimensional inputs.</summary>
    public static Observations FromColumns(double[] x, double[] y) => new(x.Select(v => new[] { v }).ToArray(), y);

    /// <summary>The observations at the given indices (with repetition, for the bootstrap).</summary>
    public Observations Subset(IReadOnlyList<int> indices) =>
        new(indices.Select(i => X[i]).ToArray(), indices.Select(i => Y[i]).ToArray());
}
