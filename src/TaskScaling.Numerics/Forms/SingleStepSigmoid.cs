namespace TaskScaling.Numerics.Forms;

/// <summary>
/// The single-step variant: accuracy straight from (N, D),
/// Acc(N, D) = max(1e-6, p σ(u) + q), u = e^a/N^α + e^b/D^β + E,
/// i.e. the step-1 power law fed into a sigmoid with unit slope (E absorbs the midpoint).
/// The floor 1e-6 keeps the prediction positive for the log-space fit (gradient 0 there).
/// Input x = (N, D); parameters (a, b, α, β, E, p, q).
/// </summary>
public sealed class SingleStepSigmoid : IModel
{
    public const double Floor = 1e-6;
    public static readonly SingleStepSigmoid Instance = new();

    public string Name => "single-step sigmoid of a power law";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "b", "alpha", "beta", "E", "p", "q"];
    public int InputDimension => 2;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p)
    {
        double u = Math.Exp(p[0] - p[2] * Math.Log(x[0])) + Math.Exp(p[1] - p[3] * Math.Log(x[1])) + p[4];
        return Math.Max(Floor, p[5] * Logistic.Sigma(u) + p[6]);
    }

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double lnN = Math.Log(x[0]), lnD = Math.Log(x[1]);
        double tn = Math.Exp(p[0] - p[2] * lnN), td = Math.Exp(p[1] - p[3] * lnD);
        double u = tn + td + p[4];
        double s = Logistic.Sigma(u);
        if (p[5] * s + p[6] < Floor)
        {
            g[..7].Clear();
            return true;
        }
        double du = p[5] * s * (1.0 - s); // ∂Acc/∂u
        g[0] = du * tn;
        g[1] = du * td;
        g[2] = -du * lnN * tn;
        g[3] = -du * lnD * td;
        g[4] = du;
        g[5] = s;
        g[6] = 1.0;
        return true;
    }
}
