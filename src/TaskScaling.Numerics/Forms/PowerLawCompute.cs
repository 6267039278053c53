namespace TaskScaling.Numerics.Forms;

/// <summary>
/// Step 1 on training compute alone: L(C) = e^a / C^α + E = exp(a − α ln C) + E, C = D × (FLOPs per token).
/// Input x = (C); parameters (a, α, E).
/// </summary>
public sealed class PowerLawCompute : IModel
{
    public static readonly PowerLawCompute Instance = new();

    public string Name => "power law in compute";
    public IReadOnlyList<string> ParameterNames { get; } = ["a", "alpha", "E"];
    public int InputDimension => 1;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
        Math.Exp(p[0] - p[1] * Math.Log(x[0])) + p[2];

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        double lnC = Math.Log(x[0]);
        double t = Math.Exp(p[0] - p[1] * lnC);
        g[0] = t;
        g[1] = -lnC * t;
        g[2] = 1.0;
        return true;
    }
}
