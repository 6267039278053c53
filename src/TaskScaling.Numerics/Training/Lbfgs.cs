namespace TaskScaling.Numerics.Training;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Alg. 7.4 two-loop recursion) with a backtracking Armijo line search
/// (quadratic interpolation, step clipped to [0.1, 0.5] of the previous trial), for simple lower bounds
/// x_i ≥ l_i (l_i = −∞ for a free variable) by the active-set projected quasi-Newton scheme (Bertsekas 1982;
/// Kim, Sra &amp; Dhillon 2010), a light cousin of L-BFGS-B:
/// <list type="bullet">
/// <item>active set A = {i : x_i ≤ l_i and ∂f/∂x_i &gt; 0} — variables at their bound whose gradient pushes outward
/// are frozen for the step;</item>
/// <item>direction d = −H·g on the free set (two-loop recursion with the active entries of g, s and y ignored),
/// d_A = 0, H₀ = (sᵀy / yᵀy)·I from the newest pair; if that is not a descent direction the memory is dropped
/// and d = −g_free;</item>
/// <item>projected backtracking line search x(t) = max(l, x + t·d), accepted on the Armijo condition
/// f(x(t)) ≤ f(x) + c·gᵀ(x(t) − x);</item>
/// <item>(s, y) stored only when sᵀy &gt; 0 (<see cref="CurvaturePairs"/>), which keeps the inverse-Hessian
/// approximation positive definite without a Wolfe search; converged when the projected gradient ‖P∇f‖∞ is
/// below the tolerance or f stops decreasing (relative decrease over a window, <see cref="DecreaseWindow"/>).</item>
/// </list>
/// Unlike "take an unconstrained step, then clamp", the step the curvature pairs are built from is the step
/// actually taken, and frozen variables do not pollute the quasi-Newton model, so the method keeps converging
/// when many weights sit on the bound. Without bounds it is plain L-BFGS, in the same arithmetic.
/// Works in place on <c>x</c> (projected onto the bounds first); the function fills the gradient and returns f.
/// Allocates its buffers once per call; no allocation per iteration.
/// </summary>
public static class Lbfgs
{
    public delegate double Objective(double[] x, double[] gradient);

    /// <summary>Unconstrained minimisation: every bound −∞, with the Armijo test on t·gᵀd (see <see cref="LbfgsRun"/>).</summary>
    public static MinimizeResult Minimize(Objective f, double[] x, LbfgsOptions? options = null) =>
        new LbfgsRun(f, x, null, options ?? new LbfgsOptions()).Minimize();

    /// <summary>Minimisation subject to x ≥ <paramref name="lower"/> (−∞ entries are free variables).</summary>
    public static MinimizeResult Minimize(Objective f, double[] x, double[] lower, LbfgsOptions? options = null)
    {
        if (lower.Length != x.Length) throw new ArgumentException("one lower bound per variable is needed", nameof(lower));
        return new LbfgsRun(f, x, lower, options ?? new LbfgsOptions()).Minimize();
    }
}
