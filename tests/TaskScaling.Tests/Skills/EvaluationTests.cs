using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>The leave-family-out protocol against the reference implementation's stored figures (family-averaged MAE ×100).</summary>
public sealed class EvaluationTests
{
    [Fact]
    public void PcaPlusFlopsMatchesTheReferenceExactly()
    {
        var report = SkillsEvaluation.Run(SkillsTestData.Table, new EvaluationRequest { Methods = ["pca_d=2"] });
        var expected = new Dictionary<(string, int), double>
        {
            [("v1", 2)] = 6.04, [("v2", 2)] = 5.41, [("all", 2)] = 5.90,
            [("v1", 3)] = 9.21, [("v2", 3)] = 5.59, [("all", 3)] = 8.30,
        };
        Assert.Equal(6, report.Settings.Count);
        foreach (var s in report.Settings)
        {
            var m = Assert.Single(s.Methods);
            Assert.Null(m.Failure);
            Assert.Equal(expected[(s.Set, s.MinModels)], Math.Round(m.Mae, 2));
            // The headline is the unweighted mean of the per-group figures.
            Assert.Equal(m.PerGroup.Values.Average(), m.Mae, 10);
            Assert.Equal(s.Groups.Count, m.PerGroup.Count);
        }
    }

    [Fact]
    public void SlothBasicAndFlopsBaselineOnV2WithOneTrainingModel()
    {
        // Stage 1 only (cheap): the reference gives 3.65 (Sloth basic, d = 2) and 3.79 (FLOPs) on v2, n = 1.
        var report = SkillsEvaluation.Run(SkillsTestData.Table, new EvaluationRequest
        {
            Sets = ["v2"], MinModels = [2], Methods = ["factor_sigmoid_faminter_d=2", "logF_sigmoid_faminter", "pca_d=2"],
        });
        var s = Assert.Single(report.Settings);
        var byName = s.Methods.ToDictionary(m => m.Name);
        Assert.InRange(byName["factor_sigmoid_faminter_d=2"].Mae, 3.65 - 0.2, 3.65 + 0.2);
        Assert.InRange(byName["logF_sigmoid_faminter"].Mae, 3.79 - 0.2, 3.79 + 0.2);
        // Ranking of the paper in this setting: Sloth basic < FLOPs < PCA.
        Assert.True(byName["factor_sigmoid_faminter_d=2"].Mae < byName["logF_sigmoid_faminter"].Mae);
        Assert.True(byName["logF_sigmoid_faminter"].Mae < byName["pca_d=2"].Mae);
        Assert.Equal(6, byName["pca_d=2"].PerBenchmark.Count);
    }

    [Theory]
    // Reference figures, v1/n=1, v2/n=1, all/n=1, v1/n=2, v2/n=2, all/n=2; acceptance ±0.2. Both are stage-1 fits from the
    // reference's initial values (torch's stream, seed 42). With two training models the FLOPs baseline gives each
    // test family its own slope, fitted to two points: where those sit near chance the fit depends on its start
    // (over System.Random seeds 0–19, v1/n=2 spans 8.7–13.3), so this checks the start as much as the optimiser.
    [InlineData("logF_sigmoid_faminter", new[] { 4.90, 3.79, 4.12, 9.39, 11.86, 11.12 })]
    [InlineData("factor_sigmoid_faminter_d=2", new[] { 5.83, 3.65, 4.92, 5.79, 3.67, 5.70 })]
    public void StageOneMethodsMatchTheReferenceInEverySetting(string method, double[] expected)
    {
        var report = SkillsTestData.Evaluation(method);
        (string, int)[] order = [("v1", 2), ("v2", 2), ("all", 2), ("v1", 3), ("v2", 3), ("all", 3)];
        var bySetting = report.Settings.ToDictionary(s => (s.Set, s.MinModels));
        Assert.Equal(order.Order(), bySetting.Keys.Order());
        for (int i = 0; i < order.Length; i++)
        {
            var m = Assert.Single(bySetting[order[i]].Methods);
            Assert.Null(m.Failure);
            Assert.True(Math.Abs(m.Mae - expected[i]) <= 0.2, $"{method} {order[i]}: {m.Mae:F2} against {expected[i]:F2}");
        }
    }

    [Fact]
    public void ResultsDoNotDependOnParallelism()
    {
        var req = new EvaluationRequest { Sets = ["all"], MinModels = [3], Methods = ["factor_sigmoid_d=1", "logSlogT_sigmoid"] };
        var a = SkillsEvaluation.Run(SkillsTestData.Table, req with { Parallelism = 1 });
        var b = SkillsEvaluation.Run(SkillsTestData.Table, req with { Parallelism = 2 });
        Assert.Equal(a.Settings[0].Methods.Select(m => m.Mae), b.Settings[0].Methods.Select(m => m.Mae));
    }
}
