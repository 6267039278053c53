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
        var active = new int[n];
        var s = new double[m][]; var y = new double[m][]; var alpha = new double[m];
        var syFull = new double[m]; var yyFull = new double[m]; var syFree = new double[m];
        for (int k = 0; k < m; k++) { s[k] = new double[n]; y[k] = new double[n]; }
        int stored = 0, head = 0, evals = 1;
        for (int i = 0; i < n; i++) if (x[i] < lower[i]) x[i] = lower[i];
        double fx = f(x, g);
        if (!double.IsFinite(fx)) return new MinimizeResult(fx, 0, evals, false, "objective not finite at the start");
        var stall = new DecreaseWindow(options.Window, options.RelativeTolerance, fx);
        for (int iter = 1; iter <= options.MaxIterations; iter++)
        {
            double pgNorm = 0;
            int nActive = 0;
            for (int i = 0; i < n; i++)
            {
                if (x[i] <= lower[i] && g[i] > 0) active[nActive++] = i;
                else pgNorm = Math.Max(pgNorm, Math.Abs(g[i]));
            }
            if (pgNorm < options.GradientTolerance) return new MinimizeResult(fx, iter - 1, evals, true, "projected gradient below tolerance");
            // Two-loop recursion on the free subspace: dir = −H_F·g_F. dir stays 0 on the active set, so plain dot
            // products with dir are free-set products; sᵀy on the free set = full sᵀy − its active part.
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            ZeroAt(dir, active, nActive);
            for (int k = 0; k < stored; k++)
            {
                int idx = (head - 1 - k + m) % m;
                double sy = syFull[idx];
                for (int t = 0; t < nActive; t++) sy -= s[idx][active[t]] * y[idx][active[t]];
                syFree[idx] = sy;
                if (!(sy > 0)) { alpha[idx] = double.NaN; continue; }
                double a = Dot(s[idx], dir) / sy;
                alpha[idx] = a;
                Axpy(-a, y[idx], dir);
                ZeroAt(dir, active, nActive);
            }
            if (stored > 0)
            {
                int last = (head - 1 + m) % m;
                double yy = yyFull[last];
                for (int t = 0; t < nActive; t++) yy -= y[last][active[t]] * y[last][active[t]];
                double gamma = syFree[last] > 0 && yy > 0 ? syFree[last] / yy : 1.0;
                Scale(gamma, dir);
            }
            for (int k = stored - 1; k >= 0; k--)
            {
                int idx = (head - 1 - k + m) % m;
                if (double.IsNaN(alpha[idx])) continue;
                double b = Dot(y[idx], dir) / syFree[idx];
                Axpy(alpha[idx] - b, s[idx], dir);
                ZeroAt(dir, active, nActive);
            }
            double slope = Dot(g, dir);
            if (!(slope < 0))
            {
                stored = 0;
                slope = 0;
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                ZeroAt(dir, active, nActive);
                slope = Dot(g, dir);
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
            for (int i = 0; i < n; i++) { s[slot][i] = xNew[i] - x[i]; y[slot][i] = gNew[i] - g[i]; }
            double syAll = Dot(s[slot], y[slot]), yyAll = Dot(y[slot], y[slot]);
            if (syAll > 1e-12 * yyAll && syAll > 0)
            {
                syFull[slot] = syAll; yyFull[slot] = yyAll;
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

    private static void ZeroAt(double[] v, int[] at, int count)
    {
        for (int t = 0; t < count; t++) v[at[t]] = 0;
    }

    private static double Dot(double[] a, double[] b)
    {
        var va = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(a.AsSpan());
        var vb = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(b.AsSpan());
        var acc = System.Numerics.Vector<double>.Zero;
        for (int i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        double r = System.Numerics.Vector.Sum(acc);
        for (int i = va.Length * System.Numerics.Vector<double>.Count; i < a.Length; i++) r += a[i] * b[i];
        return r;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        var vx = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x.AsSpan());
        var vy = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y.AsSpan());
        var va = new System.Numerics.Vector<double>(a);
        for (int i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (int i = vx.Length * System.Numerics.Vector<double>.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(double a, double[] x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }
}
