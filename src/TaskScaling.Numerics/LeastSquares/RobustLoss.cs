namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// The per-residual losses ρ(r) and the iteratively-reweighted-least-squares weights w(r) = ψ(r)/r
/// (ψ = ρ′). For Huber the quadratic ρ(r₀) + ψ(r₀)t + ½w(r₀)t² majorises ρ(r₀ + t), so a step that
/// lowers the reweighted model lowers Σρ as well — which makes the reweighted Levenberg–Marquardt step a
/// safe descent step even when nearly every residual sits on the linear (L1-like) branch.
/// </summary>
internal static class RobustLoss
{
    /// <summary>The objective the fit minimises and reports: ½Σr² (Linear) or Σρ_δ(r) (Huber).</summary>
    public static double Objective(LossKind loss, double delta, ReadOnlySpan<double> r)
    {
        double sum = 0;
        if (loss == LossKind.Linear)
        {
            for (int i = 0; i < r.Length; i++) sum += r[i] * r[i];
            return 0.5 * sum;
        }
        for (int i = 0; i < r.Length; i++) sum += Huber(r[i], delta);
        return sum;
    }

    /// <summary>ρ_δ(r) = ½r² for |r| ≤ δ, δ(|r| − δ/2) otherwise.</summary>
    public static double Huber(double r, double delta)
    {
        double a = Math.Abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    /// <summary>√w(r): 1 for least squares; √min(1, δ/|r|) for Huber.</summary>
    public static double SqrtWeight(LossKind loss, double delta, double r)
    {
        if (loss == LossKind.Linear) return 1.0;
        double a = Math.Abs(r);
        return a <= delta ? 1.0 : Math.Sqrt(delta / a);
    }
}
