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
    /// that resample's fit failed (it is dropped and counted, as is a row holding a non-finite value).
    /// Called concurrently: it must be thread-safe.</param>
    public static BootstrapResult Run(int unitCount, Func<int[], double[]?> statistic, int resamples = 1000, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var rows = new double[]?[resamples];
        Parallel.For(0, resamples, Parallelism.PerCore, b =>
        {
            var indices = Resample(unitCount, seed, b);
            var stat = statistic(indices);
            rows[b] = stat is not null && stat.All(double.IsFinite) ? stat : null;
        });
        var kept = rows.Where(r => r is not null).Select(r => r!).ToArray();
        return new BootstrapResult(kept, resamples - kept.Length);
    }

    /// <summary>The unit indices of resample b: unitCount draws with replacement from a generator that
    /// depends only on (seed, b).</summary>
    public static int[] Resample(int unitCount, int seed, int b)
    {
        var rng = new SplitMix64(unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)b ^ 0x5DEECE66DUL));
        var idx = new int[unitCount];
        for (int i = 0; i < unitCount; i++) idx[i] = rng.NextInt(unitCount);
        return idx;
    }

    /// <summary>Expands resampled group indices into observation indices (for a group/cluster bootstrap).</summary>
    public static int[] ExpandGroups(int[] groupIndices, IReadOnlyList<int[]> groups)
    {
        var all = new List<int>();
        foreach (var g in groupIndices) all.AddRange(groups[g]);
        return all.ToArray();
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform and runtime.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, n) by Lemire's multiply-shift (bias below 2⁻³² for small n).</summary>
        public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);
    }
}

/// <summary>The statistics of every successful resample (rows) and helpers for intervals.</summary>
public sealed record BootstrapResult(double[][] Samples, int Failed)
{
    /// <summary>Percentile interval of statistic k at the given level (e.g. 0.9 → 5th and 95th percentiles),
    /// with linear interpolation between order statistics (numpy's default). NaN when no resample succeeded.</summary>
    public (double Lower, double Upper) PercentileInterval(int k, double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "level must lie in (0, 1)");
        var v = Column(k);
        if (v.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(v);
        double alpha = (1 - level) / 2;
        return (Quantile(v, alpha), Quantile(v, 1 - alpha));
    }

    /// <summary>Sample standard deviation (n − 1) of statistic k across resamples: the bootstrap standard error.</summary>
    public double StandardError(int k)
    {
        var v = Column(k);
        if (v.Length < 2) return double.NaN;
        double mean = v.Average();
        double ss = 0;
        foreach (var x in v) ss += (x - mean) * (x - mean);
        return Math.Sqrt(ss / (v.Length - 1));
    }

    /// <summary>Quantile q of statistic k (linear interpolation).</summary>
    public double Quantile(int k, double q)
    {
        var v = Column(k);
        if (v.Length == 0) return double.NaN;
        Array.Sort(v);
        return Quantile(v, q);
    }

    private double[] Column(int k) => Samples.Select(s => s[k]).ToArray();

    private static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
