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
        var pairs = new CurvaturePairs(n, m);
        var alpha = new double[m]; var syFree = new double[m];
        int evals = 1;
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
            for (int k = 0; k < pairs.Count; k++)
            {
                int slot = pairs.Slot(k);
                double[] sk = pairs.S(slot), yk = pairs.Y(slot);
                double sy = pairs.SY(slot);
                for (int t = 0; t < nActive; t++) sy -= sk[active[t]] * yk[active[t]];
                syFree[slot] = sy;
                if (!(sy > 0)) { alpha[slot] = double.NaN; continue; }
                double a = VectorOps.Dot(sk, dir) / sy;
                alpha[slot] = a;
                VectorOps.Axpy(-a, yk, dir);
                ZeroAt(dir, active, nActive);
            }
            if (pairs.Count > 0)
            {
                int last = pairs.Slot(0);
                double[] yl = pairs.Y(last);
                double yy = pairs.YY(last);
                for (int t = 0; t < nActive; t++) yy -= yl[active[t]] * yl[active[t]];
                VectorOps.Scale(syFree[last] > 0 && yy > 0 ? syFree[last] / yy : 1.0, dir);
            }
            for (int k = pairs.Count - 1; k >= 0; k--)
            {
                int slot = pairs.Slot(k);
                if (double.IsNaN(alpha[slot])) continue;
                double b = VectorOps.Dot(pairs.Y(slot), dir) / syFree[slot];
                VectorOps.Axpy(alpha[slot] - b, pairs.S(slot), dir);
                ZeroAt(dir, active, nActive);
            }
            double slope = VectorOps.Dot(g, dir);
            if (!(slope < 0))
            {
                pairs.Clear();
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                ZeroAt(dir, active, nActive);
                slope = VectorOps.Dot(g, dir);
            }
            double step = pairs.Count == 0 ? Math.Min(1.0, 1.0 / Math.Max(VectorOps.NormInf(dir), 1e-300)) : 1.0;
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
                if (pairs.Count > 0) { pairs.Clear(); continue; } // retry once with the projected steepest descent
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

    private static void ZeroAt(double[] v, int[] at, int count)
    {
        for (int t = 0; t < count; t++) v[at[t]] = 0;
    }
}
