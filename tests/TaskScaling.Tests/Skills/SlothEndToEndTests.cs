using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>Sloth (stage 2, monotone link) through the whole protocol in one setting.</summary>
public sealed class SlothEndToEndTests
{
    [Fact]
    public void SlothWithTrainedLinkOnAllBenchmarksWithTwoTrainingModels()
    {
        // Reference (family-averaged MAE ×100, all 12 benchmarks, two training models per test family):
        // Sloth d = 2: 4.81; FLOPs baseline 11.12; PCA + FLOPs 8.30. Acceptance: within 0.5 of the reference or lower.
        var report = SkillsEvaluation.Run(SkillsTestData.Table, new EvaluationRequest
        {
            Sets = ["all"], MinModels = [3], Methods = ["factor_trainlink_faminter_d=2", "pca_d=2"],
        });
        var byName = report.Settings[0].Methods.ToDictionary(m => m.Name);
        var sloth = byName["factor_trainlink_faminter_d=2"];
        Assert.Null(sloth.Failure);
        Assert.True(sloth.Mae <= 4.81 + 0.5, $"Sloth d=2 all/n=2: {sloth.Mae:F2}");
        Assert.True(sloth.Mae < byName["pca_d=2"].Mae);
    }
}
