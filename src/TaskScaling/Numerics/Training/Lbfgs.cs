namespace TaskScaling.Numerics.Training;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Number of (s, y) pairs kept.</summary>
    public int History { get; init; } = 10;
    /// <summary>Stop when ‖∇f‖∞ falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-10;
    /// <summary>Stop when f decreased by less than RelativeTolerance·|f| over the last <see cref="Window"/> iterations.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;
    public int Window { get; init; } = 10;
    /// <summary>Armijo sufficient-decrease constant.</summary>
    public double Armijo { get; init; } = 1e-4;
    public int MaxLineSearchSteps { get; init; } = 30;
}

/// <summary>Outcome of a minimisation.</summary>
public sealed record MinimizeResult(double Value, int Iterations, int Evaluations, bool Converged, string Message);

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Alg. 7.4 two-loop recursion) with a backtracking Armijo line
/// search (quadratic interpolation, step clipped to [0.1, 0.5] of the previous trial). A pair (s, y) is
/// stored only when sᵀy &gt; 0, which keeps the inverse-Hessian approximation positive definite without
/// a Wolfe search. Works in place on <c>x</c>; the function fills the gradient and returns f.
/// Allocates its buffers once per call; no allocation per iteration.
/// </summary>
public static class Lbfgs
{
    public delegate double Objective(double[] x, double[] gradient);

    public static MinimizeResult Minimize(Objective f, double[] x, LbfgsOptions? options = null)
    {
        options ??= new LbfgsOptions();
        int n = x.Length, m = options.History;
        var g = new double[n]; var xNew = new double[n]; var gNew = new double[n]; var dir = new double[n];
        var s = new double[m][]; var y = new double[m][]; var rho = new double[m]; var alpha = new double[m];
        for (int k = 0; k < m; k++) { s[k] = new double[n]; y[k] = new double[n]; }
        int stored = 0, head = 0, evals = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx)) return new MinimizeResult(fx, 0, evals, false, "objective not finite at the start");
        var stall = new DecreaseWindow(options.Window, options.RelativeTolerance, fx);
        for (int iter = 1; iter <= options.MaxIterations; iter++)
        {
            if (NormInf(g) < options.GradientTolerance) return new MinimizeResult(fx, iter - 1, evals, true, "gradient below tolerance");
            // Two-loop recursion: dir = −H·g.
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int k = 0; k < stored; k++)
            {
                int idx = (head - 1 - k + m) % m;
                double a = rho[idx] * Dot(s[idx], dir);
                alpha[idx] = a;
                Axpy(-a, y[idx], dir);
            }
            double gamma = 1.0;
            if (stored > 0)
            {
                int last = (head - 1 + m) % m;
                gamma = 1.0 / (rho[last] * Dot(y[last], y[last]));
            }
            for (int i = 0; i < n; i++) dir[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--)
            {
                int idx = (head - 1 - k + m) % m;
                double b = rho[idx] * Dot(y[idx], dir);
                Axpy(alpha[idx] - b, s[idx], dir);
            }
            double slope = Dot(g, dir);
            if (!(slope < 0))
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                slope = Dot(g, dir);
            }
            double step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Max(NormInf(g), 1e-300)) : 1.0;
            double fNew = double.NaN;
            bool accepted = false;
            for (int ls = 0; ls < options.MaxLineSearchSteps; ls++)
            {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
                fNew = f(xNew, gNew); evals++;
                if (double.IsFinite(fNew) && fNew <= fx + options.Armijo * step * slope) { accepted = true; break; }
                double next = double.IsFinite(fNew) ? -slope * step * step / (2 * (fNew - fx - slope * step)) : 0.1 * step;
                step = Math.Clamp(next, 0.1 * step, 0.5 * step);
            }
            if (!accepted)
            {
                if (stored > 0) { stored = 0; continue; } // retry once with steepest descent
                return new MinimizeResult(fx, iter, evals, true, "line search found no decrease");
            }
            int slot = head;
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                double si = xNew[i] - x[i], yi = gNew[i] - g[i];
                s[slot][i] = si; y[slot][i] = yi;
                sy += si * yi; yy += yi * yi;
            }
            if (sy > 1e-12 * yy && sy > 0)
            {
                rho[slot] = 1.0 / sy;
                head = (head + 1) % m;
                if (stored < m) stored++;
            }
            Array.Copy(xNew, x, n); Array.Copy(gNew, g, n);
            fx = fNew;
            if (stall.Stalled(iter, fx))
                return new MinimizeResult(fx, iter, evals, true, "relative decrease below tolerance");
        }
        return new MinimizeResult(fx, options.MaxIterations, evals, false, "iteration limit reached");
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double NormInf(double[] a)
    {
        double m = 0;
        foreach (var v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
