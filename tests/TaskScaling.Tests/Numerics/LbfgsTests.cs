using TaskScaling.Numerics.Training;

namespace TaskScaling.Tests.Numerics;

/// <summary>The unconstrained path of <see cref="Lbfgs"/> (the bounded one: Skills/ProjectedLbfgsTests).</summary>
public sealed class LbfgsTests
{
    /// <summary>Extended Rosenbrock Σ (1 − x_i)² + 100 (x_{i+1} − x_i²)², minimum 0 at x = 1.</summary>
    private static double Rosenbrock(double[] v, double[] g)
    {
        double f = 0;
        Array.Clear(g);
        for (int i = 0; i + 1 < v.Length; i++)
        {
            double a = 1 - v[i], t = v[i + 1] - v[i] * v[i];
            f += a * a + 100 * t * t;
            g[i] += -2 * a - 400 * v[i] * t;
            g[i + 1] += 200 * t;
        }
        return f;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(11)] // not a multiple of the SIMD width: the dot products' scalar tail
    public void RosenbrockConvergesToTheMinimum(int n)
    {
        var x = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var r = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions { MaxIterations = 500, GradientTolerance = 1e-9, RelativeTolerance = 0 });
        Assert.True(r.Converged, r.Message);
        Assert.Equal("gradient below tolerance", r.Message);
        Assert.All(x, v => Assert.Equal(1.0, v, 8));
        Assert.True(r.Value < 1e-15, $"f = {r.Value}");
        Assert.True(r.Evaluations >= r.Iterations, "one evaluation per iteration at least");
    }

    [Fact]
    public void IterationLimitIsReportedAsNotConverged()
    {
        var x = new[] { -1.2, 1.0 };
        var r = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions { MaxIterations = 3, RelativeTolerance = 0 });
        Assert.False(r.Converged);
        Assert.Equal(3, r.Iterations);
        var g = new double[2];
        Assert.Equal(Rosenbrock(x, g), r.Value); // the value is that of the returned point
    }

    [Fact]
    public void NonFiniteStartIsRejected()
    {
        var r = Lbfgs.Minimize((_, _) => double.NaN, [0.0]);
        Assert.False(r.Converged);
        Assert.Equal(0, r.Iterations);
    }
}
