namespace TaskScaling.Numerics.Forms;

/// <summary>
/// Step 2 of the ladder method: accuracy from task loss, Acc(L) = a σ(k (L − L0)) + b with
/// σ(z) = 1/(1 + e^−z). With a &lt; 0 accuracy falls as loss rises: b is the accuracy at zero loss,
/// a + b the floor. Input x = (L); parameters (a, L0, k, b).
/// </summary>
public sealed class Sigmoid : IModel, IInputDerivative
{
    public static readonly Sigmoid Instance = new();

    public string Name => "sigmoid";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "L0", "k", "b"];
    public int InputDimension => 1;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
        p[0] * Logistic.Sigma(p[2] * (x[0] - p[1])) + p[3];

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double d = x[0] - p[1];
        double s = Logistic.Sigma(p[2] * d);
        double ds = p[0] * s * (1.0 - s); // a σ'(z)
        g[0] = s;
        g[1] = -p[2] * ds;
        g[2] = d * ds;
        g[3] = 1.0;
        return true;
    }

    /// <summary>dAcc/dL = a k σ(z)(1 − σ(z)).</summary>
    public double InputDerivative(double x, ReadOnlySpan<double> p)
    {
        double s = Logistic.Sigma(p[2] * (x - p[1]));
        return p[0] * p[2] * s * (1.0 - s);
    }
}
