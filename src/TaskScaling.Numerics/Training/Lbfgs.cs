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
        int n = x.Length;
        var g = new double[n]; var xNew = new double[n]; var gNew = new double[n]; var dir = new double[n];
        var pairs = new CurvaturePairs(n, options.History);
        var alpha = new double[options.History];
        int evals = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx)) return new MinimizeResult(fx, 0, evals, false, "objective not finite at the start");
        var stall = new DecreaseWindow(options.Window, options.RelativeTolerance, fx);
        for (int iter = 1; iter <= options.MaxIterations; iter++)
        {
            if (VectorOps.NormInf(g) < options.GradientTolerance) return new MinimizeResult(fx, iter - 1, evals, true, "gradient below tolerance");
            // Two-loop recursion: dir = −H·g, H₀ = (sᵀy / yᵀy)·I from the newest pair.
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int k = 0; k < pairs.Count; k++)
            {
                int slot = pairs.Slot(k);
                double a = VectorOps.Dot(pairs.S(slot), dir) / pairs.SY(slot);
                alpha[slot] = a;
                VectorOps.Axpy(-a, pairs.Y(slot), dir);
            }
            if (pairs.Count > 0) VectorOps.Scale(pairs.SY(pairs.Slot(0)) / pairs.YY(pairs.Slot(0)), dir);
            for (int k = pairs.Count - 1; k >= 0; k--)
            {
                int slot = pairs.Slot(k);
                double b = VectorOps.Dot(pairs.Y(slot), dir) / pairs.SY(slot);
                VectorOps.Axpy(alpha[slot] - b, pairs.S(slot), dir);
            }
            double slope = VectorOps.Dot(g, dir);
            if (!(slope < 0))
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                pairs.Clear();
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                slope = VectorOps.Dot(g, dir);
            }
            double step = pairs.Count == 0 ? Math.Min(1.0, 1.0 / Math.Max(VectorOps.NormInf(g), 1e-300)) : 1.0;
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
                if (pairs.Count > 0) { pairs.Clear(); continue; } // retry once with steepest descent
                return new MinimizeResult(fx, iter, evals, true, "line search found no decrease");
            }
            pairs.Add(xNew, x, gNew, g);
            Array.Copy(xNew, x, n); Array.Copy(gNew, g, n);
            fx = fNew;
            if (stall.Stalled(iter, fx))
                return new MinimizeResult(fx, iter, evals, true, "relative decrease below tolerance");
        }
        return new MinimizeResult(fx, options.MaxIterations, evals, false, "iteration limit reached");
    }
}
