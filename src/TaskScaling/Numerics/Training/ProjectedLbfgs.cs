namespace TaskScaling.Numerics.Training;

/// <summary>
/// L-BFGS for simple lower bounds x_i ≥ l_i (l_i = −∞ for a free variable), by the active-set projected
/// quasi-Newton scheme (Bertsekas 1982; Kim, Sra &amp; Dhillon 2010), a light cousin of L-BFGS-B:
/// <list type="bullet">
/// <item>active set A = {i : x_i ≤ l_i and ∂f/∂x_i &gt; 0} — variables at their bound whose gradient pushes outward
/// are frozen for the step;</item>
/// <item>direction d = −H·g on the free set (two-loop recursion with the active entries of g, s and y ignored),
/// d_A = 0; if that is not a descent direction the memory is dropped and d = −g_free;</item>
/// <item>projected backtracking line search x(t) = max(l, x + t·d), accepted on the Armijo condition
/// f(x(t)) ≤ f(x) + c·gᵀ(x(t) − x);</item>
/// <item>(s, y) stored only when sᵀy &gt; 0; converged when the projected gradient ‖P∇f‖∞ is below the
/// tolerance or f stops decreasing (relative decrease over a window).</item>
/// </list>
/// Unlike "take an unconstrained step, then clamp", the step the curvature pairs are built from is the step
/// actually taken, and frozen variables do not pollute the quasi-Newton model, so the method keeps converging
/// when many weights sit on the bound. Works in place on <c>x</c> (projected onto the bounds first).
/// </summary>
public static class ProjectedLbfgs
{
    public static MinimizeResult Minimize(Lbfgs.Objective f, double[] x, double[] lower, LbfgsOptions? options = null)
    {
        options ??= new LbfgsOptions();
        int n = x.Length, m = options.History;
        if (lower.Length != n) throw new ArgumentException("one lower bound per variable is needed", nameof(lower));
        var g = new double[n]; var xNew = new double[n]; var gNew = new double[n]; var dir = new double[n];
        var free = new bool[n];
        var s = new double[m][]; var y = new double[m][]; var alpha = new double[m];
        for (int k = 0; k < m; k++) { s[k] = new double[n]; y[k] = new double[n]; }
        var history = new double[options.Window + 1];
        int stored = 0, head = 0, evals = 1;
        for (int i = 0; i < n; i++) if (x[i] < lower[i]) x[i] = lower[i];
        double fx = f(x, g);
        if (!double.IsFinite(fx)) return new MinimizeResult(fx, 0, evals, false, "objective not finite at the start");
        history[0] = fx;
        for (int iter = 1; iter <= options.MaxIterations; iter++)
        {
            double pgNorm = 0;
            for (int i = 0; i < n; i++)
            {
                free[i] = !(x[i] <= lower[i] && g[i] > 0);
                if (free[i]) pgNorm = Math.Max(pgNorm, Math.Abs(g[i]));
            }
            if (pgNorm < options.GradientTolerance) return new MinimizeResult(fx, iter - 1, evals, true, "projected gradient below tolerance");
            // Two-loop recursion on the free subspace: dir = −H_F·g_F.
            for (int i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
            for (int k = 0; k < stored; k++)
            {
                int idx = (head - 1 - k + m) % m;
                double sy = Dot(s[idx], y[idx], free);
                if (!(sy > 0)) { alpha[idx] = double.NaN; continue; }
                double a = Dot(s[idx], dir, free) / sy;
                alpha[idx] = a;
                Axpy(-a, y[idx], dir, free);
            }
            double gamma = 1.0;
            if (stored > 0)
            {
                int last = (head - 1 + m) % m;
                double sy = Dot(s[last], y[last], free), yy = Dot(y[last], y[last], free);
                if (sy > 0 && yy > 0) gamma = sy / yy;
            }
            for (int i = 0; i < n; i++) dir[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--)
            {
                int idx = (head - 1 - k + m) % m;
                if (double.IsNaN(alpha[idx])) continue;
                double sy = Dot(s[idx], y[idx], free);
                double b = Dot(y[idx], dir, free) / sy;
                Axpy(alpha[idx] - b, s[idx], dir, free);
            }
            double slope = 0;
            for (int i = 0; i < n; i++) slope += g[i] * dir[i];
            if (!(slope < 0))
            {
                stored = 0;
                slope = 0;
                for (int i = 0; i < n; i++) { dir[i] = free[i] ? -g[i] : 0; slope += g[i] * dir[i]; }
            }
            double dirNorm = 0;
            for (int i = 0; i < n; i++) dirNorm = Math.Max(dirNorm, Math.Abs(dir[i]));
            double step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Max(dirNorm, 1e-300)) : 1.0;
            double fNew = double.NaN;
            bool accepted = false;
            for (int ls = 0; ls < options.MaxLineSearchSteps; ls++)
            {
                double decrease = 0; // gᵀ(x(t) − x) ≤ 0 for a descent direction on the free set
                for (int i = 0; i < n; i++)
                {
                    double v = x[i] + step * dir[i];
                    if (v < lower[i]) v = lower[i];
                    xNew[i] = v;
                    decrease += g[i] * (v - x[i]);
                }
                fNew = f(xNew, gNew); evals++;
                if (double.IsFinite(fNew) && fNew <= fx + options.Armijo * decrease && decrease < 0) { accepted = true; break; }
                double next = double.IsFinite(fNew) && fNew > fx + slope * step
                    ? -slope * step * step / (2 * (fNew - fx - slope * step)) : 0.1 * step;
                step = Math.Clamp(next, 0.1 * step, 0.5 * step);
            }
            if (!accepted)
            {
                if (stored > 0) { stored = 0; continue; } // retry once with the projected steepest descent
                return new MinimizeResult(fx, iter, evals, true, "line search found no decrease");
            }
            int slot = head;
            double syAll = 0, yyAll = 0;
            for (int i = 0; i < n; i++)
            {
                double si = xNew[i] - x[i], yi = gNew[i] - g[i];
                s[slot][i] = si; y[slot][i] = yi;
                syAll += si * yi; yyAll += yi * yi;
            }
            if (syAll > 1e-12 * yyAll && syAll > 0)
            {
                head = (head + 1) % m;
                if (stored < m) stored++;
            }
            Array.Copy(xNew, x, n); Array.Copy(gNew, g, n);
            fx = fNew;
            int w = options.Window;
            if (iter >= w)
            {
                double before = history[(iter - w) % (w + 1)];
                if (before - fx <= options.RelativeTolerance * Math.Abs(fx))
                    return new MinimizeResult(fx, iter, evals, true, "relative decrease below tolerance");
            }
            history[iter % (w + 1)] = fx;
        }
        return new MinimizeResult(fx, options.MaxIterations, evals, false, "iteration limit reached");
    }

    private static double Dot(double[] a, double[] b, bool[] mask)
    {
        double r = 0;
        for (int i = 0; i < a.Length; i++) if (mask[i]) r += a[i] * b[i];
        return r;
    }

    private static void Axpy(double a, double[] x, double[] y, bool[] mask)
    {
        for (int i = 0; i < x.Length; i++) if (mask[i]) y[i] += a * x[i];
    }
}
