namespace TaskScaling.Numerics;

/// <summary>
/// Finite-difference gradients ∂f/∂p of a model. Central differences, f'(p) ≈ (f(p+h) − f(p−h)) / 2h with
/// h = ε^(1/3)·|p_j| (or ε^(1/3) when p_j = 0), balance truncation (O(h²)) against rounding (O(ε/h)); where a bound forbids
/// one side, a one-sided difference with h = √ε·|p_j| is used instead.
/// </summary>
public static class NumericalGradient
{
    private static readonly double CentralStep = Math.Cbrt(2.220446049250313e-16);
    private const double OneSidedStep = 1.4901161193847656e-8; // √ε

    /// <summary>Central-difference gradient of f(x; ·) at p, written to <paramref name="gradient"/>.</summary>
    public static void Central(IModel model, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient) =>
        Compute(model, x, p, gradient, null, null);

    /// <summary>As <see cref="Central(IModel, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>, but
    /// never evaluates the model outside [lower, upper] (one-sided differences at a bound).</summary>
    public static void Compute(IModel model, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient,
        double[]? lower, double[]? upper)
    {
        Span<double> q = p.Length <= 64 ? stackalloc double[p.Length] : new double[p.Length];
        p.CopyTo(q);
        for (int j = 0; j < p.Length; j++)
        {
            double pj = p[j];
            double scale = Math.Abs(pj) > 0 ? Math.Abs(pj) : 1.0;
            double lo = lower?[j] ?? double.NegativeInfinity, hi = upper?[j] ?? double.PositiveInfinity;
            double h = CentralStep * scale;
            if (pj + h <= hi && pj - h >= lo)
            {
                // Make h exactly representable as a difference so the quotient uses the step really taken.
                double up = pj + h, down = pj - h;
                q[j] = up; double fu = model.Evaluate(x, q);
                q[j] = down; double fd = model.Evaluate(x, q);
                gradient[j] = (fu - fd) / (up - down);
            }
            else
            {
                double f0 = model.Evaluate(x, p);
                double hs = OneSidedStep * scale;
                double other = pj + hs <= hi ? pj + hs : pj - hs;
                q[j] = other; double f1 = model.Evaluate(x, q);
                gradient[j] = (f1 - f0) / (other - pj);
            }
            q[j] = pj;
        }
    }
}
