namespace TaskScaling.Tests.Numerics;

/// <summary>
/// A plain Nelder–Mead simplex search, independent of the engine, used as a brute-force check that the
/// engine's minimum is not beaten. Bounds are handled by evaluating at the clipped point plus a penalty.
/// </summary>
internal static class NelderMead
{
    public static (double[] X, double F) Minimise(Func<double[], double> f, double[] start, double[] scale, int iterations)
    {
        int n = start.Length;
        var pts = new double[n + 1][];
        var val = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            pts[i] = (double[])start.Clone();
            if (i > 0) pts[i][i - 1] += scale[i - 1];
            val[i] = f(pts[i]);
        }
        for (int it = 0; it < iterations; it++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => val[i]).ToArray();
            pts = order.Select(i => pts[i]).ToArray();
            val = order.Select(i => val[i]).ToArray();
            var c = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) c[j] += pts[i][j] / n;
            double[] Along(double t) => c.Select((cj, j) => cj + t * (pts[n][j] - cj)).ToArray();
            var xr = Along(-1); double fr = f(xr);
            if (fr < val[0])
            {
                var xe = Along(-2); double fe = f(xe);
                if (fe < fr) { pts[n] = xe; val[n] = fe; } else { pts[n] = xr; val[n] = fr; }
            }
            else if (fr < val[n - 1]) { pts[n] = xr; val[n] = fr; }
            else
            {
                var xc = fr < val[n] ? Along(-0.5) : Along(0.5);
                double fc = f(xc);
                if (fc < Math.Min(fr, val[n])) { pts[n] = xc; val[n] = fc; }
                else
                    for (int i = 1; i <= n; i++)
                    {
                        pts[i] = pts[i].Select((v, j) => pts[0][j] + 0.5 * (v - pts[0][j])).ToArray();
                        val[i] = f(pts[i]);
                    }
            }
        }
        int best = Array.IndexOf(val, val.Min());
        return (pts[best], val[best]);
    }
}
