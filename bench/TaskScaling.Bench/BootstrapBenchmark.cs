using BenchmarkDotNet.Attributes;
using TaskScaling.Numerics;
using TaskScaling.Numerics.LeastSquares;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Bench;

/// <summary>
/// A 1,000-resample bootstrap of the ladder's step-1 fit: L(N, D) = exp(a − α ln N) + exp(b − β ln D) + E on
/// 16 points (4 sizes × 4 token multipliers, 1% log-normal noise, seed 1), Huber δ = 1e-3 in log space,
/// all parameters ≥ 0, start (3, 6, 0.1, 0.2, 1). Target &lt; 2 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class BootstrapBenchmark
{
    private static readonly IModel PowerLaw = new FunctionModel("power law", ["a", "b", "alpha", "beta", "E"], 2,
        (x, p) => Math.Exp(p[0] - p[2] * Math.Log(x[0])) + Math.Exp(p[1] - p[3] * Math.Log(x[1])) + p[4],
        (x, p, g) =>
        {
            double ln = Math.Log(x[0]), ld = Math.Log(x[1]);
            double a = Math.Exp(p[0] - p[2] * ln), b = Math.Exp(p[1] - p[3] * ld);
            g[0] = a; g[1] = b; g[2] = -ln * a; g[3] = -ld * b; g[4] = 1;
        });

    private static readonly FitOptions Options = new()
    {
        Loss = LossKind.Huber, HuberDelta = 1e-3, LogSpace = true, ComputeCovariance = false,
        Lower = [0, 0, 0, 0, 0], Upper = Enumerable.Repeat(double.PositiveInfinity, 5).ToArray(),
    };

    private Observations _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var truth = new[] { 5.0, 8.0, 0.30, 0.35, 0.4 };
        var x = new List<double[]>();
        var y = new List<double>();
        foreach (var n in new[] { 1.9e8, 3.7e8, 7.6e8, 1.3e9 })
            foreach (var k in new[] { 20.0, 40, 80, 200 })
            {
                double[] xi = [n, n * k];
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                x.Add(xi);
                y.Add(PowerLaw.Evaluate(xi, truth) * Math.Exp(0.01 * z));
            }
        _data = new Observations(x.ToArray(), y.ToArray());
    }

    [Benchmark]
    public double Bootstrap1000PowerLaw16Points()
    {
        var result = Bootstrap.Run(_data.Count, idx =>
        {
            var fit = CurveFit.Fit(PowerLaw, _data.Subset(idx), [3, 6, 0.1, 0.2, 1], Options);
            return fit.Success ? fit.Parameters : null;
        }, resamples: 1000, seed: 42);
        return result.PercentileInterval(2, 0.9).Upper;
    }
}
