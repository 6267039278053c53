using TaskScaling.Numerics;
using TaskScaling.Numerics.LeastSquares;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Tests.Numerics;

public class UncertaintyTests
{
    private static readonly IModel Line = new FunctionModel("line", ["c", "m"], 1, (x, p) => p[0] + p[1] * x[0]);

    private static (double[] X, double[] Y) LineData(int seed)
    {
        var rng = new Random(seed);
        var xs = Enumerable.Range(0, 25).Select(i => i / 2.0).ToArray();
        var ys = xs.Select(x => 2 - 0.4 * x + 0.5 * TestModels.Gaussian(rng)).ToArray();
        return (xs, ys);
    }

    [Fact]
    public void DeltaMethodOfAStraightLineMatchesTheRegressionFormula()
    {
        // SE of the fitted mean at x0: s·sqrt(1/n + (x0 − x̄)²/Sxx).
        var (xs, ys) = LineData(4);
        var fit = CurveFit.Fit(Line, Observations.FromColumns(xs, ys), [0, 0]);
        double n = xs.Length, xbar = xs.Average(), sxx = xs.Sum(x => (x - xbar) * (x - xbar));
        foreach (var x0 in new[] { -3.0, 0.0, 6.0, 20.0 })
        {
            double expected = fit.ResidualStandardDeviation * Math.Sqrt(1 / n + (x0 - xbar) * (x0 - xbar) / sxx);
            Assert.Equal(expected, DeltaMethod.StandardError(Line, fit, [x0]), 10);
        }
    }

    [Fact]
    public void DeltaMethodUsesAnalyticGradientWhenTheModelHasOne()
    {
        var data = TestModels.PowerLawData([5, 8, 0.3, 0.35, 0.4], 0.01, seed: 2);
        var fit = CurveFit.Fit(TestModels.PowerLaw, data, [3, 6, 0.1, 0.2, 1], new FitOptions { LogSpace = true, Lower = [0, 0, 0, 0, 0] });
        double[] x = [7e9, 7e9 * 4000];
        var g = new double[5];
        NumericalGradient.Central(TestModels.PowerLaw, x, fit.Parameters, g);
        double viaDifferences = DeltaMethod.StandardError(fit.Covariance!, g);
        double viaModel = DeltaMethod.StandardError(TestModels.PowerLaw, fit, x);
        Assert.True(viaModel > 0);
        Assert.Equal(viaDifferences, viaModel, 6);
    }

    [Fact]
    public void BootstrapIsDeterministicUnderParallelism()
    {
        var (xs, ys) = LineData(5);
        var data = Observations.FromColumns(xs, ys);
        double[]? Slope(int[] idx)
        {
            var fit = CurveFit.Fit(Line, data.Subset(idx), [0, 0], new FitOptions { ComputeCovariance = false });
            return fit.Success ? fit.Parameters : null;
        }
        var a = Bootstrap.Run(xs.Length, Slope, resamples: 300, seed: 7);
        var b = Bootstrap.Run(xs.Length, Slope, resamples: 300, seed: 7);
        var c = Bootstrap.Run(xs.Length, Slope, resamples: 300, seed: 8);
        Assert.Equal(300, a.Samples.Length + a.Failed);
        Assert.Equal(a.Samples.Select(s => s[1]), b.Samples.Select(s => s[1]));
        Assert.NotEqual(a.Samples.Select(s => s[1]), c.Samples.Select(s => s[1]));
    }

    [Fact]
    public void BootstrapStandardErrorOfTheSlopeAgreesWithTheAnalyticOne()
    {
        var (xs, ys) = LineData(6);
        var data = Observations.FromColumns(xs, ys);
        var fit = CurveFit.Fit(Line, data, [0, 0]);
        var boot = Bootstrap.Run(xs.Length, idx => CurveFit.Fit(Line, data.Subset(idx), [0, 0]).Parameters, resamples: 2000, seed: 1);
        // Pairs bootstrap of a homoscedastic line: its SE is close to the OLS one (within 25% with 25 points).
        Assert.InRange(boot.StandardError(1) / fit.StandardErrors[1], 0.75, 1.25);
        var (lo, hi) = boot.PercentileInterval(1, 0.9);
        Assert.True(lo < fit.Parameters[1] && fit.Parameters[1] < hi);
        Assert.True(lo < hi);
    }

    [Fact]
    public void PercentileIntervalInterpolatesLikeNumpy()
    {
        // numpy.percentile([1..10], [5, 95]) = [1.45, 9.55].
        var r = new BootstrapResult(Enumerable.Range(1, 10).Reverse().Select(v => new double[] { v }).ToArray(), 0);
        var (lo, hi) = r.PercentileInterval(0, 0.9);
        Assert.Equal(1.45, lo, 12);
        Assert.Equal(9.55, hi, 12);
        Assert.Equal(Math.Sqrt(55.0 / 6), r.StandardError(0), 12);
    }

    [Fact]
    public void FailedResamplesAreDroppedAndCounted()
    {
        var r = Bootstrap.Run(10, idx => idx[0] % 2 == 0 ? null : [idx.Average()], resamples: 200, seed: 3);
        Assert.True(r.Failed > 0);
        Assert.Equal(200, r.Samples.Length + r.Failed);
    }

    [Fact]
    public void GroupsExpandToTheirObservations()
    {
        var groups = new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3, 4, 5 } };
        Assert.Equal([3, 4, 5, 0, 1, 3, 4, 5], Bootstrap.ExpandGroups([2, 0, 2], groups));
    }
}
