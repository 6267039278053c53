using TaskScaling.Numerics;
using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Tests.Numerics;

public class CurveFitTests
{
    private static readonly double[] Inf5 = Enumerable.Repeat(double.PositiveInfinity, 5).ToArray();
    private static readonly FitOptions LadderHuber = new()
    {
        Loss = LossKind.Huber, HuberDelta = 1e-3, LogSpace = true,
        Lower = [0, 0, 0, 0, 0], Upper = Inf5,
    };

    private static double HuberObjective(IModel model, Observations data, double[] p, double delta)
    {
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double u = Math.Log(model.Evaluate(data.X[i], p)) - Math.Log(data.Y[i]);
            sum += Math.Abs(u) < delta ? 0.5 * u * u : delta * (Math.Abs(u) - delta / 2);
        }
        return sum;
    }

    /// <summary>Brute force: Nelder–Mead restarted from many random points in the box (and from its own best).</summary>
    private static double BruteForceMinimum(Func<double[], double> objective, double[] lower, double[] upper, double[] lo, double[] hi, int seed, int starts)
    {
        double Penalised(double[] p)
        {
            var q = p.Select((v, j) => Math.Clamp(v, lower[j], upper[j])).ToArray();
            double pen = p.Select((v, j) => (v - q[j]) * (v - q[j])).Sum();
            double v = objective(q);
            return double.IsFinite(v) ? v + 1e3 * pen : double.MaxValue;
        }
        var rng = new Random(seed);
        double best = double.MaxValue;
        for (int s = 0; s < starts; s++)
        {
            var x = lo.Select((l, j) => l + rng.NextDouble() * (hi[j] - l)).ToArray();
            var scale = lo.Select((l, j) => 0.1 * (hi[j] - l)).ToArray();
            for (int restart = 0; restart < 4; restart++)
            {
                var (xb, fb) = NelderMead.Minimise(Penalised, x, scale, 3000);
                x = xb; best = Math.Min(best, fb);
                scale = scale.Select(v => v * 0.1).ToArray();
            }
        }
        return best;
    }

    [Fact]
    public void HuberLogSpacePowerLawReachesTheBruteForceMinimum()
    {
        // The ladder's step-1 fit: data with noise large against δ, so nearly every residual is on the
        // linear branch (an almost-L1 fit), from the ladder's default start.
        var truth = new[] { 5.0, 8.0, 0.30, 0.35, 0.4 };
        var data = TestModels.PowerLawData(truth, 0.02, seed: 7);
        var fit = CurveFit.Fit(TestModels.PowerLaw, data, [3, 6, 0.1, 0.2, 1], LadderHuber);

        Assert.True(fit.Success, fit.Message);
        Assert.All(fit.Parameters, v => Assert.True(v >= 0));
        double own = HuberObjective(TestModels.PowerLaw, data, fit.Parameters, 1e-3);
        Assert.Equal(own, fit.Objective, 12);
        double brute = BruteForceMinimum(p => HuberObjective(TestModels.PowerLaw, data, p, 1e-3),
            LadderHuber.Lower!, Inf5, [0, 0, 0, 0, 0], [10, 15, 0.6, 0.7, 1.0], seed: 1, starts: 12);
        Assert.True(fit.Objective <= brute * (1 + 1e-7), $"engine {fit.Objective:R} vs brute force {brute:R}");
    }

    [Fact]
    public void HuberLogSpacePowerLawWithIrreducibleTermAtItsBound()
    {
        // Data with no irreducible term: the best E is pinned at its lower bound 0.
        var truth = new[] { 4.0, 7.0, 0.25, 0.30, 0.0 };
        var data = TestModels.PowerLawData(truth, 0.01, seed: 11);
        var fit = CurveFit.Fit(TestModels.PowerLaw, data, [3, 6, 0.1, 0.2, 1], LadderHuber);

        Assert.True(fit.Success, fit.Message);
        Assert.All(fit.Parameters, v => Assert.True(v >= 0));
        double brute = BruteForceMinimum(p => HuberObjective(TestModels.PowerLaw, data, p, 1e-3),
            LadderHuber.Lower!, Inf5, [0, 0, 0, 0, 0], [10, 15, 0.6, 0.7, 1.0], seed: 2, starts: 12);
        Assert.True(fit.Objective <= brute * (1 + 1e-7), $"engine {fit.Objective:R} vs brute force {brute:R}");
        if (fit.Parameters[4] == 0) Assert.Equal(-1, fit.ActiveBounds[4]);
    }

    [Fact]
    public void LeastSquaresRecoversPowerLawParametersFromNoisyData()
    {
        var truth = new[] { 5.0, 8.0, 0.30, 0.35, 0.4 };
        var data = TestModels.PowerLawData(truth, 0.002, seed: 3);
        var fit = CurveFit.Fit(TestModels.PowerLaw, data, [3, 6, 0.1, 0.2, 1],
            new FitOptions { LogSpace = true, Lower = [0, 0, 0, 0, 0] });
        Assert.True(fit.Success, fit.Message);
        for (int j = 0; j < 5; j++)
        {
            // Within five standard errors of the truth, and the standard error itself small.
            Assert.True(Math.Abs(fit.Parameters[j] - truth[j]) < 5 * fit.StandardErrors[j],
                $"{fit.ParameterNames[j]}: {fit.Parameters[j]} vs {truth[j]} (SE {fit.StandardErrors[j]})");
        }
    }

    private static Observations SigmoidData(double[] p, int count, double noise, int seed)
    {
        var rng = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 0.5 + 1.5 * rng.NextDouble();
            y[i] = TestModels.Sigmoid.Evaluate([x[i]], p) + noise * TestModels.Gaussian(rng);
        }
        return Observations.FromColumns(x, y);
    }

    private static readonly FitOptions SigmoidBounds = new()
    {
        Lower = [-1, 0, 0, 0],
        Upper = [0, double.PositiveInfinity, double.PositiveInfinity, 1],
    };

    [Fact]
    public void SigmoidRecoversParametersWithinStandardErrors()
    {
        var truth = new[] { -0.5, 1.2, 5.0, 0.8 };
        var data = SigmoidData(truth, 1400, 0.02, seed: 5);
        var fit = CurveFit.Fit(TestModels.Sigmoid, data, [-0.5, 1.0, 1.0, 0.5], SigmoidBounds);
        Assert.True(fit.Success, fit.Message);
        for (int j = 0; j < 4; j++)
            Assert.True(Math.Abs(fit.Parameters[j] - truth[j]) < 5 * fit.StandardErrors[j],
                $"{fit.ParameterNames[j]}: {fit.Parameters[j]} vs {truth[j]} (SE {fit.StandardErrors[j]})");
        double half = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = TestModels.Sigmoid.Evaluate(data.X[i], fit.Parameters) - data.Y[i];
            half += 0.5 * r * r;
        }
        Assert.Equal(half, fit.Objective, 12);
        Assert.Equal(2 * half, fit.ResidualSumOfSquares, 12);
    }

    [Fact]
    public void SigmoidWithUpperBoundActiveStaysInTheBoxAndBeatsBruteForce()
    {
        // The true ceiling lies above the bound b ≤ 1, so the fit must stop at b = 1.
        var truth = new[] { -0.6, 1.1, 4.0, 1.15 };
        var data = SigmoidData(truth, 500, 0.03, seed: 9);
        var fit = CurveFit.Fit(TestModels.Sigmoid, data, [-0.5, 1.0, 1.0, 0.5], SigmoidBounds);
        Assert.True(fit.Success, fit.Message);
        for (int j = 0; j < 4; j++)
        {
            Assert.True(fit.Parameters[j] >= SigmoidBounds.Lower![j]);
            Assert.True(fit.Parameters[j] <= SigmoidBounds.Upper![j]);
        }
        Assert.Equal(1.0, fit.Parameters[3]);
        Assert.Equal(1, fit.ActiveBounds[3]);
        double Cost(double[] p)
        {
            double s = 0;
            for (int i = 0; i < data.Count; i++) { double r = TestModels.Sigmoid.Evaluate(data.X[i], p) - data.Y[i]; s += 0.5 * r * r; }
            return s;
        }
        double brute = BruteForceMinimum(Cost, SigmoidBounds.Lower!, SigmoidBounds.Upper!, [-1, 0, 0, 0], [0, 2, 10, 1], seed: 4, starts: 3);
        Assert.True(fit.Objective <= brute * (1 + 1e-9), $"engine {fit.Objective:R} vs brute force {brute:R}");
    }

    [Fact]
    public void IterationLimitIsAStatusNotAnException()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 200, 0.02, seed: 5);
        var fit = CurveFit.Fit(TestModels.Sigmoid, data, [-0.1, 0.1, 0.1, 0.1], new FitOptions { MaxIterations = 2 });
        Assert.True(fit.Status == FitStatus.MaxIterationsReached, fit.Message);
        Assert.False(fit.Success);
        Assert.Contains("2 iterations", fit.Message);
    }

    [Fact]
    public void NonFiniteStartIsAFailedStatusWithAMessage()
    {
        var data = TestModels.PowerLawData([5, 8, 0.3, 0.35, 0.4], 0.01, seed: 1);
        // Negative E makes predictions negative at the start: the log of them is undefined.
        var fit = CurveFit.Fit(TestModels.PowerLaw, data, [-50, -50, 0.1, 0.2, -1], new FitOptions { LogSpace = true });
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("not finite", fit.Message);
    }

    [Fact]
    public void StartOutsideTheBoxIsProjectedAndBoundsHold()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 300, 0.02, seed: 6);
        var fit = CurveFit.Fit(TestModels.Sigmoid, data, [-3, -1, 1, 2], SigmoidBounds);
        Assert.True(fit.Success, fit.Message);
        for (int j = 0; j < 4; j++)
            Assert.InRange(fit.Parameters[j], SigmoidBounds.Lower![j], SigmoidBounds.Upper![j]);
    }

    [Fact]
    public void StraightLineStandardErrorsMatchTheClosedForm()
    {
        var line = new FunctionModel("line", ["c", "m"], 1, (x, p) => p[0] + p[1] * x[0]);
        var rng = new Random(2);
        var xs = Enumerable.Range(0, 30).Select(i => i / 3.0).ToArray();
        var ys = xs.Select(x => 1.5 + 0.7 * x + 0.3 * TestModels.Gaussian(rng)).ToArray();
        var fit = CurveFit.Fit(line, Observations.FromColumns(xs, ys), [0, 0]);
        Assert.True(fit.Success, fit.Message);

        double n = xs.Length, xbar = xs.Average(), ybar = ys.Average();
        double sxx = xs.Sum(x => (x - xbar) * (x - xbar));
        double slope = xs.Zip(ys, (x, y) => (x - xbar) * (y - ybar)).Sum() / sxx;
        double icept = ybar - slope * xbar;
        double rss = xs.Zip(ys, (x, y) => Math.Pow(y - icept - slope * x, 2)).Sum();
        double s2 = rss / (n - 2);
        Assert.Equal(icept, fit.Parameters[0], 9);
        Assert.Equal(slope, fit.Parameters[1], 9);
        Assert.Equal(Math.Sqrt(s2 / sxx), fit.StandardErrors[1], 9);
        Assert.Equal(Math.Sqrt(s2 * (1 / n + xbar * xbar / sxx)), fit.StandardErrors[0], 9);
        Assert.Equal(Math.Sqrt(s2), fit.ResidualStandardDeviation, 9);
    }

    [Fact]
    public void RankDeficientJacobianGivesThePseudoInverseCovariance()
    {
        // f = (a + b)x: J's two columns are equal, JᵀJ = Sxx·[[1, 1], [1, 1]] is singular, and its Moore–Penrose
        // inverse is [[1, 1], [1, 1]] / (4 Sxx); s² = RSS / (n − 2) with the least-squares slope Σxy / Sxx.
        var model = new FunctionModel("redundant slope", ["a", "b"], 1, (x, p) => (p[0] + p[1]) * x[0], (x, p, g) => { g[0] = x[0]; g[1] = x[0]; });
        var rng = new Random(4);
        var xs = Enumerable.Range(1, 25).Select(i => i / 5.0).ToArray();
        var ys = xs.Select(x => 1.3 * x + 0.1 * TestModels.Gaussian(rng)).ToArray();
        var fit = CurveFit.Fit(model, Observations.FromColumns(xs, ys), [0.5, 0.5]);
        Assert.NotEqual(FitStatus.Failed, fit.Status);
        double sxx = xs.Sum(x => x * x), slope = xs.Zip(ys, (x, y) => x * y).Sum() / sxx;
        Assert.Equal(slope, fit.Parameters[0] + fit.Parameters[1], 9);
        double s2 = xs.Zip(ys, (x, y) => Math.Pow(y - slope * x, 2)).Sum() / (xs.Length - 2);
        Assert.NotNull(fit.Covariance);
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                Assert.Equal(s2 / (4 * sxx), fit.Covariance![a, b], 12);
    }

    [Fact]
    public void IntegerWeightsEqualRepeatedObservations()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 60, 0.02, seed: 11);
        var counts = Enumerable.Range(0, data.Count).Select(i => i % 4).ToArray(); // 0 drops a point
        var repeated = Enumerable.Range(0, data.Count).SelectMany(i => Enumerable.Repeat(i, counts[i])).ToArray();
        var o = new FitOptions { Lower = [-1, 0, 0, 0], Upper = [0, double.PositiveInfinity, double.PositiveInfinity, 1] };
        var plain = CurveFit.Fit(TestModels.Sigmoid, data.Subset(repeated), [-1, 0.9, 3, 1], o);
        var weighted = CurveFit.Fit(TestModels.Sigmoid, data, [-1, 0.9, 3, 1], o with { Weights = counts.Select(c => (double)c).ToArray() });
        Assert.True(plain.Success && weighted.Success, $"{plain.Message}; {weighted.Message}");
        for (int j = 0; j < 4; j++) Assert.Equal(plain.Parameters[j], weighted.Parameters[j], 8);
        Assert.Equal(plain.ResidualSumOfSquares, weighted.ResidualSumOfSquares, 12);
        // The covariance differs only through s² = RSS/(n − p): n counts rows.
        double ratio = (double)(data.Count - 4) / (repeated.Length - 4);
        for (int j = 0; j < 4; j++)
            Assert.Equal(plain.Covariance![j, j], weighted.Covariance![j, j] * ratio, 1e-8 * plain.Covariance[j, j]);
        Assert.Throws<ArgumentException>(() => CurveFit.Fit(TestModels.Sigmoid, data, [-1, 0.9, 3, 1], o with { Weights = [1, 2] }));
    }

    [Fact]
    public void WithoutPolishingTheFitStopsAtTheFirstConvergenceTest()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 300, 0.02, seed: 9);
        var o = new FitOptions { Lower = [-1, 0, 0, 0], Upper = [0, double.PositiveInfinity, double.PositiveInfinity, 1], FunctionTolerance = 1e-8, StepTolerance = 1e-8, GradientTolerance = 1e-8 };
        var polished = CurveFit.Fit(TestModels.Sigmoid, data, [-1, 0.9, 3, 1], o);
        var plain = CurveFit.Fit(TestModels.Sigmoid, data, [-1, 0.9, 3, 1], o with { PolishSteps = 0 });
        Assert.True(polished.Success && plain.Success, $"{polished.Message}; {plain.Message}");
        Assert.True(plain.Iterations < polished.Iterations, $"{plain.Iterations} vs {polished.Iterations} iterations");
        Assert.True(plain.Objective >= polished.Objective);
        Assert.True(plain.Objective - polished.Objective <= 1e-7 * polished.Objective, $"{plain.Objective} vs {polished.Objective}");
        Assert.Equal(FitStatus.Failed, CurveFit.Fit(TestModels.Sigmoid, data, [-1, 0.9, 3, 1], o with { PolishSteps = -1 }).Status);
    }

    [Fact]
    public void MultiStartKeepsTheBestAndIsDeterministic()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 300, 0.02, seed: 8);
        List<double[]> starts = [[-0.1, 0.1, 0.1, 0.1], [-0.5, 1.0, 1.0, 0.5], [-0.9, 2.0, 8.0, 0.9], [-0.5, 1.0, 1.0, 0.5]];
        var opts = SigmoidBounds with { MaxIterations = 200 };
        var singles = starts.Select(s => CurveFit.Fit(TestModels.Sigmoid, data, s, opts)).ToArray();
        var best = CurveFit.FitMultiStart(TestModels.Sigmoid, data, starts, opts);
        var again = CurveFit.FitMultiStart(TestModels.Sigmoid, data, starts, opts);
        double min = singles.Where(f => f.Success).Min(f => f.Objective);
        Assert.Equal(min, best.Objective);
        Assert.Equal(best.Parameters, again.Parameters);
        Assert.Equal(best.Message, again.Message);
    }

    [Fact]
    public void FiniteDifferencesGiveTheSameFitAsTheAnalyticGradient()
    {
        var data = SigmoidData([-0.5, 1.2, 5.0, 0.8], 400, 0.02, seed: 10);
        var a = CurveFit.Fit(TestModels.Sigmoid, data, [-0.5, 1.0, 1.0, 0.5], SigmoidBounds);
        var b = CurveFit.Fit(TestModels.Sigmoid, data, [-0.5, 1.0, 1.0, 0.5], SigmoidBounds with { ForceFiniteDifferences = true });
        Assert.True(a.Success && b.Success);
        for (int j = 0; j < 4; j++) Assert.Equal(a.Parameters[j], b.Parameters[j], 6);
    }
}
