using TaskScaling.Data.Nist;
using TaskScaling.Numerics;
using TaskScaling.Numerics.Nist;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Numerics;

public class NistModelJacobianTests
{
    public static TheoryData<string> Problems()
    {
        var data = new TheoryData<string>();
        foreach (var p in NistModels.Problems) data.Add(p);
        return data;
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void AnalyticGradientAgreesWithFiniteDifferences(string problem)
    {
        // At both starts and at the certified values, on every observation of the real data set.
        var ds = NistReader.Load(Path.Combine(DataLocation.Resolve(), "nist-strd", problem + ".dat"));
        var model = NistModels.For(problem)!;
        int p = model.ParameterNames.Count;
        Assert.Equal(ds.CertifiedValues.Length, p);
        var analytic = new double[p];
        foreach (var b in new[] { ds.Start1, ds.Start2, ds.CertifiedValues })
            for (int i = 0; i < ds.Count; i++)
            {
                Assert.True(model.TryGradient(ds.X[i], b, analytic));
                double scale = analytic.Max(Math.Abs);
                for (int j = 0; j < p; j++)
                {
                    var (numeric, rounding) = Richardson(model, ds.X[i], b, j);
                    // Allowed: a relative 1e-6 (of the entry, or of the row's largest entry when the entry is
                    // tiny) plus the rounding error the difference quotient itself carries.
                    double tol = 1e-6 * Math.Max(Math.Abs(analytic[j]), 1e-6 * scale) + rounding;
                    Assert.True(Math.Abs(analytic[j] - numeric) <= tol,
                        $"{problem} b{j + 1} at observation {i}: analytic {analytic[j]:R}, numeric {numeric:R} (tolerance {tol:E2})");
                }
            }
    }

    /// <summary>
    /// ∂f/∂b_j by Richardson-extrapolated central differences, (4D(h/2) − D(h))/3 with D(h) = (f(b+h) − f(b−h))/2h
    /// and h = 1e-4·|b_j|: truncation O(h⁴), independent of the engine's own finite differences. Also returns a
    /// bound on its rounding error, ≈ 10ε·|f|/h.
    /// </summary>
    private static (double Value, double Rounding) Richardson(IModel model, double[] x, double[] b, int j)
    {
        double h = 1e-4 * (b[j] != 0 ? Math.Abs(b[j]) : 1);
        double D(double step)
        {
            var q = (double[])b.Clone();
            q[j] = b[j] + step; double up = model.Evaluate(x, q);
            q[j] = b[j] - step; double down = model.Evaluate(x, q);
            return (up - down) / (2 * step);
        }
        double value = (4 * D(h / 2) - D(h)) / 3;
        double rounding = 10 * 2.220446049250313e-16 * Math.Abs(model.Evaluate(x, b)) / h;
        return (value, rounding);
    }

    [Fact]
    public void EveryNistFileHasAModel()
    {
        var files = Directory.GetFiles(Path.Combine(DataLocation.Resolve(), "nist-strd"), "*.dat")
            .Select(f => Path.GetFileNameWithoutExtension(f)!).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.Equal(27, files.Length);
        Assert.Equal(files, NistModels.Problems);
    }

    [Fact]
    public void LogRelativeErrorCountsCorrectDigits()
    {
        Assert.Equal(3, LogRelativeError.Of(1.2345e5 * (1 + 1e-3), 1.2345e5), 10);
        Assert.Equal(11, LogRelativeError.Of(2.5, 2.5));
        Assert.Equal(0, LogRelativeError.Of(double.NaN, 2.5));
        Assert.Equal(0, LogRelativeError.Of(-2.5, 2.5));
        Assert.Equal(6, LogRelativeError.Of(1e-6, 0), 10);
    }
}
