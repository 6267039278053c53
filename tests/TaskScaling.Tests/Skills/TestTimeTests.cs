using System.Numerics;
using TaskScaling.Numerics.Sampling;
using TaskScaling.Skills.TestTime;
using Xunit.Abstractions;

namespace TaskScaling.Tests.Skills;

/// <summary>Spec §8.2: item-response layer on generated samples with the table's real skills; the pass@k estimator.</summary>
public sealed class TestTimeTests(ITestOutputHelper output)
{
    /// <summary>The ten monkey-business models, by their data_v2 ids.</summary>
    internal static readonly string[] Models = ["meta-llama-3-8b-instruct", "meta-llama-3-8b", "meta-llama-3-70b-instruct", "gemma-2b", "gemma-7b",
        "pythia-160m", "pythia-410m", "pythia-2.8b", "pythia-6.9b", "pythia-12b"];
    internal static readonly string[] HeldOut = ["gemma-7b", "meta-llama-3-70b-instruct", "pythia-12b"];

    internal static TestTimeRequest Request(TaskScaling.Data.Samples.SampleFile samples) => new()
    {
        Samples = samples, HeldOut = HeldOut, Exclude = ["gemma-7b-it", "meta-llama-3-70b"], SlothSeeds = [42],
    };

    [Fact]
    public void FittedCoverageOfHeldOutModelsIsWithinTwoPointsOfTheTruth()
    {
        var table = SkillsTestData.Table;
        var generated = TestTimeSampleGenerator.Generate(table, Request(new("none", [])), Models);
        var r = TestTimeScaling.Run(table, Request(generated.Samples));
        Assert.Equal(7, r.TrainingModels.Count);
        Assert.Equal(128, r.Problems);
        output.WriteLine($"wd {r.WeightDecay}; validation {string.Join(", ", r.Validation.Select(v => $"{v.WeightDecay}: {v.ValidationLoss:F5}"))}");
        foreach (var c in r.Curves)
            foreach (var k in new[] { 1, 10, 100, 1000, 10_000 })
            {
                double truth = PassAtK.Coverage(generated.Probabilities[c.Model], k);
                var point = c.Points.Single(p => p.K == k);
                output.WriteLine($"{c.Model} k={k}: true {truth:F4} fitted {point.Predicted:F4} estimator {point.Estimated:F4} error {100 * (point.Predicted - truth):F2} pp");
                Assert.InRange(point.Predicted - truth, -0.02, 0.02);
            }
    }

    [Theory]
    [InlineData(5, 0, 1)] [InlineData(5, 2, 1)] [InlineData(5, 2, 3)] [InlineData(5, 2, 4)] [InlineData(10, 1, 9)] [InlineData(10, 10, 3)]
    [InlineData(20, 7, 5)] [InlineData(50, 3, 20)] [InlineData(60, 30, 25)]
    public void EstimatorEqualsTheCombinatorialFormula(int n, int c, int k)
    {
        // 1 − C(n−c, k)/C(n, k) exactly, in rationals.
        static BigInteger Choose(int a, int b) => b > a ? 0 : Enumerable.Range(0, b).Aggregate(BigInteger.One, (acc, i) => acc * (a - i) / (i + 1));
        var num = Choose(n, k) - Choose(n - c, k);
        double exact = (double)num / (double)Choose(n, k);
        Assert.Equal(exact, PassAtK.Estimate(n, c, k), 1e-14);
    }

    [Fact]
    public void EstimatorIsFiniteForTenThousandSamples()
    {
        foreach (var c in new[] { 0, 1, 2, 37, 5000, 9999, 10_000 })
            foreach (var k in new[] { 1, 10, 100, 1000, 5000, 10_000 })
            {
                double v = PassAtK.Estimate(10_000, c, k);
                Assert.True(double.IsFinite(v) && v >= 0 && v <= 1, $"c={c} k={k}: {v}");
            }
        // One correct sample in 10,000: pass@k = k/n exactly.
        Assert.Equal(0.001, PassAtK.Estimate(10_000, 1, 10), 1e-15);
        Assert.Equal(0.0, PassAtK.Estimate(10_000, 0, 10_000));
    }
}
