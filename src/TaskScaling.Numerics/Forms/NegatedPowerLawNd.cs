namespace TaskScaling.Numerics.Forms;

/// <summary>
/// The ablation "step 1 directly on accuracy": Acc(N, D) = −e^a/N^α − e^b/D^β + E, an accuracy that
/// rises towards the ceiling E as N and D grow. Input x = (N, D); parameters (a, b, α, β, E).
/// </summary>
public sealed class NegatedPowerLawNd : IModel
{
    public static readonly NegatedPowerLawNd Instance = new();

    public string Name => "negated power law in N and D";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "b", "alpha", "beta", "E"];
    public int InputDimension => 2;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
        -Math.Exp(p[0] - p[2] * Math.Log(x[0])) - Math.Exp(p[1] - p[3] * Math.Log(x[1])) + p[4];

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double lnN = Math.Log(x[0]), lnD = Math.Log(x[1]);
        double tn = Math.Exp(p[0] - p[2] * lnN), td = Math.Exp(p[1] - p[3] * lnD);
        g[0] = -tn;
        g[1] = -td;
        g[2] = lnN * tn;
        g[3] = lnD * td;
        g[4] = 1.0;
        return true;
    }
}
