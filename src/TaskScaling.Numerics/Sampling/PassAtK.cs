namespace TaskScaling.Numerics.Sampling;

/// <summary>
/// Repeated sampling: the unbiased pass@k estimator from n samples with c correct (Chen et al. 2021), and the coverage of a
/// problem set whose per-sample success probabilities are known.
/// </summary>
public static class PassAtK
{
    /// <summary>
    /// pass@k = 1 − C(n−c, k)/C(n, k), in product form: C(n−c, k)/C(n, k) = Π_{i=n−c+1}^{n} (1 − k/i), summed in log space
    /// (log1p) and returned as −expm1(Σ) (both to full precision, below), so it neither overflows (C(10⁴, 5·10³) has 3,000 digits) nor loses the small values.
    /// 1 when n − c &lt; k (every k-subset holds a correct sample).
    /// </summary>
    public static double Estimate(int n, int c, int k)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "n must be at least 1");
        if (c < 0 || c > n) throw new ArgumentOutOfRangeException(nameof(c), $"c must lie in 0..n = {n}");
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"k must lie in 1..n = {n}");
        if (n - c < k) return 1.0;
        double s = 0;
        for (int i = n - c + 1; i <= n; i++) s += Log1P(-(double)k / i);
        return -ExpM1(s);
    }

    /// <summary>Mean of <see cref="Estimate"/> over problems (the estimated coverage of a problem set at k).</summary>
    public static double MeanEstimate(IReadOnlyList<(int N, int C)> problems, int k)
    {
        if (problems.Count == 0) throw new ArgumentException("no problems", nameof(problems));
        double s = 0;
        foreach (var (n, c) in problems) s += Estimate(n, c, k);
        return s / problems.Count;
    }

    /// <summary>coverage(k) = 1 − mean_q (1 − p_q)^k, with (1 − p)^k = exp(k·log1p(−p)) (exact for tiny p and large k).</summary>
    public static double Coverage(IReadOnlyList<double> p, int k)
    {
        if (p.Count == 0) throw new ArgumentException("no problems", nameof(p));
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 1");
        double miss = 0;
        foreach (var v in p)
        {
            if (!(v >= 0 && v <= 1)) throw new ArgumentOutOfRangeException(nameof(p), "probabilities must lie in [0, 1]");
            miss += v == 1 ? 0 : Math.Exp(k * Log1P(-v));
        }
        return 1 - miss / p.Count;
    }

    /// <summary>
    /// ln(1 + x) to full precision (Goldberg 1991: with u = fl(1 + x), ln(u)·x/(u − 1) cancels u's rounding error). MathNet's
    /// Log1p and Expm1 leave about 4e-11 relative error at |x| = 1e-3 (they switch to ln(1 + x) and eˣ − 1 there), visible in
    /// pass@k = k/n for one correct sample.
    /// </summary>
    internal static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1 to full precision (Kahan: with u = fl(eˣ), (u − 1)·x/ln(u) cancels u's rounding error).</summary>
    internal static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}
