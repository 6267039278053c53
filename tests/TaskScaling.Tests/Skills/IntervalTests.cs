using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>Calibrated intervals of skills predictions: the formula, no leakage of a held-out family, determinism over threads.</summary>
public sealed class IntervalTests
{
    private static LeaderboardTable Table => SkillsTestData.Table;

    [Fact]
    public void CalibrationScalesPerBenchmarkAndTakesTheFamilyWeightedConformalQuantile()
    {
        // Family a: errors 0.1 and 0.3 (two models), family b: 0.2. s = mean(0.2, 0.2) = 0.2; normalised 0.5, 1.5 (weight 1/4
        // each) and 1.0 (weight 1/2). τ = level·(1 + 1/2).
        var c = new IntervalCalibration
        {
            GivenModels = 1, Benchmarks = ["B"],
            Residuals = [new("a", "a1", 0, 0.1), new("a", "a2", 0, 0.3), new("b", "b1", 0, 0.2)],
        };
        Assert.Equal(0.2, c.Scale(0), 12);
        Assert.Equal(0.5, c.Quantile(0.1), 12);   // τ = 0.15 ≤ 1/4
        Assert.Equal(1.0, c.Quantile(0.5), 12);   // τ = 0.75 = 1/4 + 1/2
        Assert.Equal(1.5, c.Quantile(0.9), 12);   // τ = 1 (capped)
        Assert.Equal(0.2, c.HalfWidth(0, 0.5), 12);
        Assert.Equal(["a", "b"], c.Families);
    }

    private static SkillsBacktestRequest Backtest(SkillsMethod method) => new()
    {
        Family = "qwen2", Given = 1, Set = "v2", Method = method, Members = 3, Skills = 2,
    };

    /// <summary>The table with every score of the family's models except its <paramref name="keep"/> smallest scaled.</summary>
    private static LeaderboardTable Perturbed(string family, int keep, double factor)
    {
        var rows = Enumerable.Range(0, Table.RowCount).Where(i => Table.Families[i] == family).OrderBy(i => Table.Parameters[i]).Skip(keep).ToHashSet();
        var scores = new double[Table.RowCount, Table.Benchmarks.Count];
        for (int i = 0; i < Table.RowCount; i++)
            for (int j = 0; j < Table.Benchmarks.Count; j++) scores[i, j] = Table.Score(i, j) * (rows.Contains(i) ? factor : 1);
        return new LeaderboardTable(Table.Source, Table.Models, Table.Families, Table.Parameters, Table.Tokens, Table.Flops, Table.Benchmarks, scores);
    }

    [Theory]
    [InlineData(SkillsMethod.PcaFlops)]
    [InlineData(SkillsMethod.SlothBasic)]
    public void AHeldOutFamilysOwnScoresDoNotMoveItsPredictionOrInterval(SkillsMethod method)
    {
        var before = SkillsBacktest.Run(Table, Backtest(method));
        var after = SkillsBacktest.Run(Perturbed("qwen2", 1, 0.5), Backtest(method));
        Assert.DoesNotContain("qwen2", before.Calibration.Families);
        Assert.NotEmpty(before.Models);
        for (int i = 0; i < before.Models.Count; i++)
            for (int j = 0; j < before.Models[i].Predictions.Count; j++)
            {
                var (b, a) = (before.Models[i].Predictions[j], after.Models[i].Predictions[j]);
                Assert.Equal(b.Score, a.Score);
                Assert.Equal(b.Lower, a.Lower);
                Assert.Equal(b.Upper, a.Upper);
                Assert.Equal(b.Actual!.Value * 0.5, a.Actual!.Value, 12);   // the perturbation reached the held-out scores
            }
        // A calibration family's scores do move the interval (the test could fail).
        var other = SkillsBacktest.Run(Perturbed(before.Calibration.Families[0], 1, 0.5), Backtest(method));
        Assert.NotEqual(before.Models[0].Predictions.Select(p => p.Upper - p.Lower), other.Models[0].Predictions.Select(p => p.Upper - p.Lower));
    }

    [Fact]
    public void PredictionsAreTheSameWhateverTheNumberOfThreads()
    {
        var request = new SkillsPredictionRequest
        {
            Family = "qwen2", Parameters = 72, Tokens = 7, Set = "v2", Skills = 2, Method = SkillsMethod.SlothBasic, Members = 3,
        };
        var one = SkillsPrediction.Predict(Table, request with { Parallelism = 1 });
        var two = SkillsPrediction.Predict(Table, request with { Parallelism = 3 });
        Assert.Equal(one.Predictions, two.Predictions);
        Assert.Equal(one.Members.Select(m => m.Predictions[0]), two.Members.Select(m => m.Predictions[0]));
        Assert.Equal([42, 43, 44], one.Members.Select(m => m.Seed));
        // The point is the members' median, the interval contains it and every member, and the model in the table is named.
        Assert.Equal("qwen2-72b", one.InTable);
        for (int j = 0; j < one.Predictions.Count; j++)
        {
            var p = one.Predictions[j];
            var v = one.Members.Select(m => m.Predictions[0][j]).OrderBy(x => x).ToArray();
            Assert.Equal(v[1], p.Score);
            Assert.InRange(v[0], p.Lower!.Value, p.Upper!.Value);
            Assert.InRange(v[2], p.Lower!.Value, p.Upper!.Value);
            Assert.Equal(Table.Score(Table.Models.ToList().IndexOf("qwen2-72b"), Table.BenchmarkIndex(p.Benchmark)), p.Actual);
        }
        Assert.DoesNotContain("qwen2", one.Calibration!.Families);
        Assert.Equal(2, one.Calibration.GivenModels);
    }

    [Fact]
    public void TheEnsembleWeighsTheFourMethodsByTheirHeldOutErrors()
    {
        var r = SkillsPrediction.Predict(Table, new SkillsPredictionRequest
        {
            Family = "qwen2", Parameters = 72, Tokens = 7, Set = "v2", Skills = 2, Method = SkillsMethod.Ensemble, Members = 2,
            FitOptions = SkillFitOptions.Default with { LearningRates = [0.01], MaxEpochs = 300 },
        });
        Assert.Equal(SkillsMethods.Single, r.Weights!.Keys);
        Assert.Equal(1, r.Weights.Values.Sum(), 12);
        Assert.All(r.Weights.Values, w => Assert.InRange(w, 0, 1));
        Assert.Equal("ensemble", r.Method);
    }

    [Fact]
    public void BadRequestsAreInvalidRequests()
    {
        Assert.Contains("unknown family", Assert.Throws<InvalidRequestException>(() => SkillsBacktest.Run(Table, Backtest(SkillsMethod.PcaFlops) with { Family = "no-such" })).Message);
        Assert.Contains("leave none to predict", Assert.Throws<InvalidRequestException>(() => SkillsBacktest.Run(Table, Backtest(SkillsMethod.PcaFlops) with { Given = 9 })).Message);
        Assert.Contains("benchmarks", Assert.Throws<InvalidRequestException>(() => SkillsBacktest.Run(Table, Backtest(SkillsMethod.Sloth) with { Skills = 7 })).Message);
        Assert.Contains("--level", Assert.Throws<InvalidRequestException>(() => SkillsBacktest.Run(Table, Backtest(SkillsMethod.PcaFlops) with { Level = 1 })).Message);
    }
}
