using TaskScaling.Numerics;
using TaskScaling.Numerics.Forms;

namespace TaskScaling.Tests.Numerics;

public class FormsTests
{
    public static TheoryData<string> FormNames() => new() { "PowerLawNd", "NegatedPowerLawNd", "PowerLawCompute", "Sigmoid", "LogSigmoid", "SingleStepSigmoid" };

    private static (IModel Model, double[][] Xs, double[] P) Case(string name) => name switch
    {
        "PowerLawNd" => (PowerLawNd.Instance, [[1.9e8, 3.8e9], [1.3e10, 5e12]], [3.6, 4.6, 0.23, 0.24, 0.45]),
        "NegatedPowerLawNd" => (NegatedPowerLawNd.Instance, [[1.9e8, 3.8e9], [1.3e10, 5e12]], [2.1, 2.5, 0.2, 0.15, 0.9]),
        "PowerLawCompute" => (PowerLawCompute.Instance, [[7e18], [4.5e23]], [3.0, 0.1, 0.5]),
        "Sigmoid" => (Sigmoid.Instance, [[0.3], [0.75], [1.8]], [-0.74, 0.62, 4.8, 0.97]),
        "LogSigmoid" => (LogSigmoid.Instance, [[0.5], [1.1], [2.0]], [-0.12, 0.9, 3.3]),
        "SingleStepSigmoid" => (SingleStepSigmoid.Instance, [[1.9e8, 3.8e9], [1.3e10, 5e12]], [3.0, 5.0, 0.2, 0.3, 0.1, -0.7, 0.95]),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(FormNames))]
    public void AnalyticGradientMatchesCentralDifferences(string name)
    {
        var (model, xs, p) = Case(name);
        Assert.Equal(p.Length, model.ParameterNames.Count);
        foreach (var x in xs)
        {
            Assert.Equal(model.InputDimension, x.Length);
            var g = new double[p.Length];
            Assert.True(model.TryGradient(x, p, g));
            for (int j = 0; j < p.Length; j++)
            {
                double h = 1e-6 * Math.Max(1.0, Math.Abs(p[j]));
                var pp = (double[])p.Clone(); pp[j] += h;
                var pm = (double[])p.Clone(); pm[j] -= h;
                double fd = (model.Evaluate(x, pp) - model.Evaluate(x, pm)) / (2 * h);
                Assert.True(Math.Abs(fd - g[j]) <= 1e-6 * Math.Max(1.0, Math.Abs(fd)),
                    $"{name} ∂f/∂{model.ParameterNames[j]} at x=({string.Join(", ", x)}): analytic {g[j]}, finite difference {fd}");
            }
        }
    }

    [Fact]
    public void PowerLawNdIsTheChinchillaForm()
    {
        double[] p = [3.6, 4.6, 0.23, 0.24, 0.45];
        double n = 1.3e10, d = 5e12;
        double expected = Math.Exp(3.6) / Math.Pow(n, 0.23) + Math.Exp(4.6) / Math.Pow(d, 0.24) + 0.45;
        Assert.Equal(expected, PowerLawNd.Instance.Evaluate([n, d], p), 12);
    }

    [Fact]
    public void SigmoidHasFloorCeilingAndMidpoint()
    {
        double[] p = [-0.75, 0.6, 5.0, 1.0];
        Assert.Equal(1.0 - 0.375, Sigmoid.Instance.Evaluate([0.6], p), 12);          // midpoint: b + a/2
        Assert.Equal(0.25, Sigmoid.Instance.Evaluate([100.0], p), 9);                // floor a + b
        Assert.Equal(1.0, Sigmoid.Instance.Evaluate([-100.0], p), 9);                // ceiling b
        Assert.False(double.IsNaN(Sigmoid.Instance.Evaluate([1e6], p)));
    }

    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("LogSigmoid")]
    public void InputDerivativeMatchesFiniteDifference(string name)
    {
        var (model, xs, p) = Case(name);
        var d = (IInputDerivative)model;
        foreach (var x in xs)
        {
            double h = 1e-6;
            double fd = (model.Evaluate([x[0] + h], p) - model.Evaluate([x[0] - h], p)) / (2 * h);
            Assert.Equal(fd, d.InputDerivative(x[0], p), 6);
        }
    }

    [Fact]
    public void LogSigmoidEqualsItsDefinition()
    {
        double[] p = [-0.12, 0.9, 3.3];
        double l = 1.4, s = 1 / (1 + Math.Exp(-3.3 * (l - 0.9)));
        Assert.Equal(1 - (-0.12) * Math.Log(1 - s), LogSigmoid.Instance.Evaluate([l], p), 12);
        Assert.False(double.IsNaN(LogSigmoid.Instance.Evaluate([1000.0], [-0.1, 0.9, 80.0])));
    }

    [Fact]
    public void SingleStepSigmoidIsFlooredAtOneMillionth()
    {
        double[] p = [3.0, 5.0, 0.2, 0.3, 0.0, -1.0, 0.0];
        Assert.Equal(SingleStepSigmoid.Floor, SingleStepSigmoid.Instance.Evaluate([1e8, 1e9], p));
        var g = new double[7];
        SingleStepSigmoid.Instance.TryGradient([1e8, 1e9], p, g);
        Assert.All(g, v => Assert.Equal(0.0, v));
    }
}
