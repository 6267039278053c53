namespace TaskScaling.Numerics.Forms;

/// <summary>
/// Step 1 of the ladder method: task loss from parameters N and tokens D,
/// L(N, D) = A/N^α + B/D^β + E, parameterised as exp(a − α ln N) + exp(b − β ln D) + E
/// (A = e^a, B = e^b), so that a, b enter linearly in the exponent and stay well scaled.
/// Input x = (N, D); parameters (a, b, α, β, E).
/// </summary>
public sealed class PowerLawNd : IModel
{
    public static readonly PowerLawNd Instance = new();

    public string Name => "power law in N and D";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "b", "alpha", "beta", "E"];
    public int InputDimension => 2;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
        Math.Exp(p[0] - p[2] * Math.Log(x[0])) + Math.Exp(p[1] - p[3] * Math.Log(x[1])) + p[4];

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double lnN = Math.Log(x[0]), lnD = Math.Log(x[1]);
        double tn = Math.Exp(p[0] - p[2] * lnN), td = Math.Exp(p[1] - p[3] * lnD);
        g[0] = tn;
        g[1] = td;
        g[2] = -lnN * tn;
        g[3] = -lnD * td;
        g[4] = 1.0;
        return true;
    }
}
