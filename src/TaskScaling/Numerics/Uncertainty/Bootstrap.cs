namespace TaskScaling.Numerics.Uncertainty;

/// <summary>
/// Nonparametric bootstrap: resample units (observations or groups of observations) with replacement,
/// recompute a statistic vector on each resample in parallel, and report percentile intervals.
/// Deterministic for a given seed regardless of thread scheduling (each resample draws from its own
/// generator seeded from (seed, resample index)).
/// </summary>
public static class Bootstrap
{
    /// <param name="unitCount">How many units there are to resample.</param>
    /// <param name="statistic">Computes the statistics from the resampled unit indices; returns null when
    /// that resample's fit failed (it is dropped and counted).</param>
    public static BootstrapResult Run(int unitCount, Func<int[], double[]?> statistic, int resamples = 1000, int seed = 42) =>
        throw new NotImplementedException();
}

/// <summary>The statistics of every successful resample (rows) and helpers for intervals.</summary>
public sealed record BootstrapResult(double[][] Samples, int Failed)
{
    /// <summary>Percentile interval of statistic k at the given level (e.g. 0.9 → 5th and 95th percentiles).</summary>
    public (double Lower, double Upper) PercentileInterval(int k, double level) => throw new NotImplementedException();
    public double StandardError(int k) => throw new NotImplementedException();
}
