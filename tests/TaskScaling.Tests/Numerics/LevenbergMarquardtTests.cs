using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Tests.Numerics;

public sealed class LevenbergMarquardtTests
{
    private static readonly double[] Truth = [4.0, 5.0, 0.3, 0.3, 1.8];

    /// <summary>Starts around the truth, some far enough that fits take different paths and iteration counts.</summary>
    private static double[][] Starts() => Enumerable.Range(0, 24)
        .Select(i => Truth.Select((v, j) => v * (1 + 0.15 * Math.Sin(1.7 * i + j)) + 0.05 * (i % 5)).ToArray())
        .ToArray();

    private static void AssertSame(FitResult expected, FitResult actual)
    {
        Assert.Equal(expected.Parameters.Select(BitConverter.DoubleToInt64Bits), actual.Parameters.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Objective), BitConverter.DoubleToInt64Bits(actual.Objective));
        Assert.Equal(expected.StandardErrors.Select(BitConverter.DoubleToInt64Bits), actual.StandardErrors.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.FunctionEvaluations, actual.FunctionEvaluations);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Theory]
    [InlineData(LossKind.Linear)]
    [InlineData(LossKind.Huber)]
    public void OneInstanceFitsOnSeveralThreadsAtOnceAsItDoesInTurn(LossKind loss)
    {
        var data = TestModels.PowerLawData(Truth, 0.02, seed: 5);
        var options = new FitOptions { Loss = loss, HuberDelta = 0.01, Lower = [0, 0, 0, 0, 1.5] };
        var solver = new LevenbergMarquardt(TestModels.PowerLaw, data, options, Truth.Length);
        var starts = Starts();
        var sequential = starts.Select(s => solver.Solve(s)).ToArray();
        Assert.True(sequential.Select(r => r.Iterations).Distinct().Count() > 1, "the fits should differ in their paths");

        // Every thread fits every start, each in its own order, all starting together on the one instance.
        const int threads = 6;
        var results = new FitResult[threads, starts.Length];
        using var go = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            go.SignalAndWait();
            for (int q = 0; q < starts.Length; q++)
            {
                int i = ((t % 2 == 0 ? q : starts.Length - 1 - q) + 5 * t) % starts.Length; // rotated, every other thread reversed
                results[t, i] = solver.Solve(starts[i]);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        for (int t = 0; t < threads; t++)
            for (int i = 0; i < starts.Length; i++)
                AssertSame(sequential[i], results[t, i]);
    }

    [Fact]
    public void InvalidRequestsFailWithAReason()
    {
        var data = TestModels.PowerLawData(Truth, 0.02, seed: 5);
        var bad = new LevenbergMarquardt(TestModels.PowerLaw, data, new FitOptions { Lower = [0, 0, 1, 0, 0], Upper = [9, 9, 0.5, 9, 9] }, 5).Solve(Truth);
        Assert.Equal(FitStatus.Failed, bad.Status);
        Assert.Contains("invalid bounds for alpha", bad.Message);
        var nan = new LevenbergMarquardt(TestModels.PowerLaw, data, new FitOptions(), 5).Solve([4, double.NaN, 0.3, 0.3, 1.8]);
        Assert.Contains("starting value of b is not finite", nan.Message);
        var polish = new LevenbergMarquardt(TestModels.PowerLaw, data, new FitOptions { PolishSteps = -1 }, 5).Solve(Truth);
        Assert.Contains("PolishSteps", polish.Message);
    }
}
