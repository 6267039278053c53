namespace TaskScaling.Numerics.Forms;

/// <summary>
/// The step-2 form the paper pairs with the task cross-entropy feature:
/// Acc(L) = 1 − a ln(1 − σ(k (L − L0))) = 1 + a softplus(k (L − L0)), with a ≤ 0 so accuracy falls
/// from 1 as the loss grows. Input x = (L); parameters (a, L0, k).
/// </summary>
public sealed class LogSigmoid : IModel, IInputDerivative
{
    public static readonly LogSigmoid Instance = new();

    public string Name => "log-sigmoid";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "L0", "k"];
    public int InputDimension => 1;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
        1.0 + p[0] * Logistic.Softplus(p[2] * (x[0] - p[1]));

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double d = x[0] - p[1];
        double z = p[2] * d;
        double s = Logistic.Sigma(z); // d softplus / dz
        g[0] = Logistic.Softplus(z);
        g[1] = -p[0] * s * p[2];
        g[2] = p[0] * s * d;
        return true;
    }

    /// <summary>dAcc/dL = a k σ(z).</summary>
    public double InputDerivative(double x, ReadOnlySpan<double> p) =>
        p[0] * p[2] * Logistic.Sigma(p[2] * (x - p[1]));
}
