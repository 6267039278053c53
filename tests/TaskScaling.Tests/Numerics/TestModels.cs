using TaskScaling.Numerics;

namespace TaskScaling.Tests.Numerics;

/// <summary>Models used by the engine tests: the two shapes the model ladder fits.</summary>
internal static class TestModels
{
    /// <summary>L(N, D) = exp(a − α ln N) + exp(b − β ln D) + E, parameters (a, b, α, β, E).</summary>
    public static readonly IModel PowerLaw = new FunctionModel("power law", ["a", "b", "alpha", "beta", "E"], 2,
        (x, p) => Math.Exp(p[0] - p[2] * Math.Log(x[0])) + Math.Exp(p[1] - p[3] * Math.Log(x[1])) + p[4],
        (x, p, g) =>
        {
            double ln = Math.Log(x[0]), ld = Math.Log(x[1]);
            double a = Math.Exp(p[0] - p[2] * ln), b = Math.Exp(p[1] - p[3] * ld);
            g[0] = a; g[1] = b; g[2] = -ln * a; g[3] = -ld * b; g[4] = 1;
        });

    /// <summary>Acc(L) = a / (1 + exp(−k(L − L0))) + b, parameters (a, L0, k, b).</summary>
    public static readonly IModel Sigmoid = new FunctionModel("sigmoid", ["a", "L0", "k", "b"], 1,
        (x, p) => p[0] / (1 + Math.Exp(-p[2] * (x[0] - p[1]))) + p[3],
        (x, p, g) =>
        {
            double s = 1 / (1 + Math.Exp(-p[2] * (x[0] - p[1])));
            double ds = s * (1 - s); // ∂s/∂(k(L − L0))
            g[0] = s; g[1] = -p[0] * ds * p[2]; g[2] = p[0] * ds * (x[0] - p[1]); g[3] = 1;
        });

    /// <summary>16 ladder-like points (4 sizes × 4 token multipliers) from the power law with multiplicative noise.</summary>
    public static Observations PowerLawData(double[] p, double noise, int seed)
    {
        var rng = new Random(seed);
        var sizes = new[] { 1.9e8, 3.7e8, 7.6e8, 1.3e9 };
        var mult = new[] { 20.0, 40, 80, 200 };
        var x = new List<double[]>();
        var y = new List<double>();
        foreach (var n in sizes)
            foreach (var c in mult)
            {
                var xi = new[] { n, n * c };
                x.Add(xi);
                y.Add(PowerLaw.Evaluate(xi, p) * Math.Exp(noise * Gaussian(rng)));
            }
        return new Observations(x.ToArray(), y.ToArray());
    }

    public static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
