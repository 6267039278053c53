using System.Runtime.CompilerServices;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Data.SavedFits;
using TaskScaling.Skills;
using TaskScaling.Tests.Skills;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Data.Skills;

/// <summary>
/// "A fit saved by one build loads in the next": Fixtures/sloth-d1.json was written by an earlier build
/// (d = 1, MMLU/ARC/GSM8K, short budgets, both links). This build must read it and, refitting with the settings the
/// file records, reproduce its predictions. If a deliberate change to the optimiser moves the fit, rewrite the
/// fixture with <c>TASKSCALING_WRITE_FIXTURES=1 dotnet test --filter SkillModelFixtureTests</c> and commit it.
/// </summary>
public sealed class SkillModelFixtureTests
{
    private static string FixturePath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", "sloth-d1.json");

    private static string DataTable => Path.Combine(DataLocation.Resolve(), "sloth", "data_v2.csv");

    /// <summary>The fit the fixture holds, redone from the settings recorded in a model.</summary>
    private static SkillsFitReport Refit(SkillModel m) => SkillsFit.Run(LeaderboardReader.ReadSloth(DataLocation.Resolve(), m.Benchmarks), new SkillsFitRequest
    {
        Benchmarks = m.Benchmarks, Skills = m.Skills, Covariates = m.Covariates, Intercept = m.Intercept,
        Seeds = [m.Seed], Monotone = m.Monotone is not null, FitOptions = m.FitOptions,
        LowerBounds = LowerBounds.Default.With(m.Benchmarks.Select((b, j) => (b, j)).ToDictionary(t => t.b, t => m.LowerBounds[t.j])),
    });

    [Fact]
    public void TheSavedFixtureLoadsAndReproducesAFreshFit()
    {
        if (Environment.GetEnvironmentVariable("TASKSCALING_WRITE_FIXTURES") == "1")
        {
            var report = SkillsFit.Run(SkillsTestData.Table, SkillModelTestFits.Request(1));
            SkillModelFile.Write(FixturePath(), report.ToModel(),
                [InputChecksum.Of(DataTable, "sloth/data_v2.csv")]);
        }
        var saved = SkillModelFile.Read(FixturePath());
        var model = saved.Payload;
        // The data the fixture was fitted on is the data this build reads.
        Assert.Equal(InputChecksum.Of(DataTable).Sha256, Assert.Single(saved.Inputs).Sha256);
        Assert.Equal(1, model.Skills);
        Assert.Equal(SkillModelTestFits.ThreeBenchmarks, model.Benchmarks);
        Assert.NotNull(model.Monotone);

        var fresh = Refit(model);
        var freshModel = fresh.ToModel();
        Assert.Equal(model.Families, freshModel.Families);
        Assert.Equal(model.TrainingModels, freshModel.TrainingModels);
        int compared = 0;
        foreach (var link in new[] { LinkKind.Sigmoid, LinkKind.Monotone })
            foreach (var (family, size, tokens) in SkillModelTestFits.Targets(model))
            {
                var expected = freshModel.Predict(family, size, tokens, link);
                var actual = model.Predict(family, size, tokens, link);
                for (int j = 0; j < expected.Count; j++, compared++) Assert.Equal(expected[j].Score, actual[j].Score, 1e-12);
            }
        Assert.Equal(2 * 2 * model.Families.Count * 3, compared);
        Assert.Equal(fresh.Sigmoid.TrainingMae, model.Sigmoid.TrainingMae, 1e-12);
        Assert.Equal(fresh.Monotone!.TrainingMae, model.Monotone!.TrainingMae, 1e-12);
        for (int j = 0; j < 3; j++) Assert.Equal(fresh.Interpretation.Loadings[j, 0], model.Interpretation.Loadings[j, 0], 1e-12);
    }
}
