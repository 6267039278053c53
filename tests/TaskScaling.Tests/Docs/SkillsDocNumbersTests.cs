using System.Globalization;
using System.Text.RegularExpressions;
using TaskScaling.Cli;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;
using TaskScaling.Skills.Import;
using TaskScaling.Tests.Skills;
using static TaskScaling.Tests.Docs.DocText;

namespace TaskScaling.Tests.Docs;

/// <summary>The numbers of the skills page: counts, the §10 fit, and the evaluation table (MAE ×100) as stated.</summary>
public sealed class SkillsDocNumbersTests
{
    private const string Page = "docs/skills.md";

    /// <summary>The table's settings in column order: v1, v2, all with one training model (min_models 2), then with two.</summary>
    private static readonly (string Set, int MinModels)[] Columns = [("v1", 2), ("v2", 2), ("all", 2), ("v1", 3), ("v2", 3), ("all", 3)];

    private static readonly Lazy<SkillsFitReport> Section10Fit = new(() => SkillsFit.Run(SkillsTestData.Table));

    [Fact]
    public void TheProtocolHasTheStatedMethodsSetsAndGroups()
    {
        var m = Claim(Page, @"\((\d+) methods × (\d+) benchmark sets × min_models 2/3, (\d+) test groups\)");
        Stated(Page, m.Groups[1], SkillMethod.All.Count, "the methods");
        Stated("README.md", Claim("README.md", @"the (\d+) methods").Groups[1], SkillMethod.All.Count, "the methods");
        var request = new EvaluationRequest { Methods = ["pca_d=2"] };
        Stated(Page, m.Groups[2], request.Sets.Count, "the benchmark sets");
        Assert.Equal([2, 3], request.MinModels);
        var report = SkillsEvaluation.Run(SkillsTestData.Table, request);
        Stated(Page, m.Groups[3], report.Settings.Sum(s => s.Groups.Count), "the test groups");
        AssertRow("pca_d=2", report);
    }

    [Fact]
    public void TheSection10FitIsAsStated()
    {
        var fit = Section10Fit.Value;
        var m = Claim(Page, @"On the spec's §10 fit \((\d+) models × (\d+) benchmarks in the interpretation notebook's order, which is `skills fit`'s default `--set interpretation`, d = (\d)\): stage 1 at lr ([\d.]+) ends at training MAE ([\d.]+) after ([\d,]+) epochs, the reference at [\d.]+ after [\d,]+ \(kept lr ([\d.]+): ([\d.]+), the reference [\d.]+\)\. Stage 2 keeps lr ([\d.]+) as the reference does, at ([\d.]+) ");
        Stated(Page, m.Groups[1], fit.Models.Count, "the models of the §10 fit");
        Stated(Page, m.Groups[2], fit.Benchmarks.Count, "the benchmarks of the §10 fit");
        Assert.Equal(BenchmarkSets.Interpretation, fit.Benchmarks);
        Stated(Page, m.Groups[3], fit.Sigmoid.Skills, "d");
        var lrs = SkillFitOptions.Default.LearningRates.ToList();
        var i = lrs.IndexOf(double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
        Assert.True(i >= 0, $"lr {m.Groups[4].Value} is not one of the sweep's {string.Join(", ", lrs)}");
        Stated(Page, m.Groups[5], fit.Sigmoid.SweepMae[i], "stage 1's training MAE at that lr");
        Stated(Page, m.Groups[6], fit.Sigmoid.SweepEpochs[i], "stage 1's epochs at that lr");
        Stated(Page, m.Groups[7], fit.Sigmoid.LearningRate, "stage 1's kept lr");
        Stated(Page, m.Groups[8], fit.Sigmoid.TrainingMae, "stage 1's kept training MAE");
        Stated(Page, m.Groups[9], fit.Monotone!.LearningRate, "stage 2's kept lr");
        Stated(Page, m.Groups[10], fit.Monotone.TrainingMae, "stage 2's training MAE");
    }

    [Fact]
    public void TheQuasiNewtonStage2IsAsStated()
    {
        var m = Claim(Page, @"`AdamThenProjectedLbfgs` \(([\d,]+) Adam epochs, then L-BFGS with the weights kept ≥ 0 by an active set: MAE ([\d.]+)\)");
        var fit = SkillsFit.Run(SkillsTestData.Table, new SkillsFitRequest
        {
            FitOptions = SkillFitOptions.Default with { MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs },
        });
        Stated(Page, m.Groups[1], SkillFitOptions.Default.HybridAdamEpochs, "the Adam epochs before L-BFGS");
        Stated(Page, m.Groups[2], fit.Monotone!.TrainingMae, "its training MAE");
    }

    [Fact]
    public void TheStageOneRowsOfTheTableAreAsStated()
    {
        // The same evaluation as EvaluationTests' (run once): the docs' rows are the figures the reference test checks.
        foreach (var method in new[] { "logF_sigmoid_faminter", "factor_sigmoid_faminter_d=2" }) AssertRow(method, SkillsTestData.Evaluation(method));
    }

    [LongFact]
    public void TheSlothRowsOfTheTableAreAsStated()
    {
        string[] methods = ["factor_trainlink_faminter_d=2", "factor_trainlink_faminter_d=3"];
        var report = SkillsEvaluation.Run(SkillsTestData.Table, new EvaluationRequest { Methods = methods });
        foreach (var method in methods) AssertRow(method, report);
    }

    [LongFact]
    public void TheFlopsBaselineSpreadOverSystemRandomSeedsIsAsStated()
    {
        var m = Claim(Page, @"over `System.Random` seeds (\d+)–(\d+) its v1 figure spans ([\d.]+)–([\d.]+)");
        var maes = Enumerable.Range(Int(m.Groups[1]), Int(m.Groups[2]) - Int(m.Groups[1]) + 1).Select(seed =>
        {
            var options = SkillFitOptions.Default with { Seed = seed, Initialisation = SkillInitialisation.SystemRandom };
            var r = SkillsEvaluation.Run(SkillsTestData.Table, new EvaluationRequest
            {
                Sets = ["v1"], MinModels = [3], Methods = ["logF_sigmoid_faminter"], FitOptions = options,
            });
            return Assert.Single(Assert.Single(r.Settings).Methods).Mae;
        }).ToList();
        Stated(Page, m.Groups[3], maes.Min(), "the lowest v1/n=2 FLOPs figure");
        Stated(Page, m.Groups[4], maes.Max(), "the highest v1/n=2 FLOPs figure");
    }

    [Fact]
    public void TheLeaderboardImportReproducesTheStatedRowsOfDataV2()
    {
        // Tokens (and sizes and families) of every data_v2 row with all v2 scores and T, as a user's tokens file would give them.
        var m = Claim(Page, @"on the shipped data this reproduces all (\d+) complete v2 rows of `data_v2.csv` exactly");
        var reference = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var tokens = Enumerable.Range(0, reference.RowCount)
            .Where(i => !double.IsNaN(reference.Tokens[i]) && Enumerable.Range(0, BenchmarkSets.V2.Count).All(j => !double.IsNaN(reference.Score(i, j))))
            .Select(i => new ModelMetadata(reference.Models[i], ModelKey.Of(reference.Models[i]), reference.Tokens[i], reference.Parameters[i],
                null, reference.Families[i], "data_v2.csv", i + 2))
            .ToList();
        var leaderboard = LeaderboardContentsReader.Read(Path.Combine(DataLocation.Resolve(), "sloth", "open-llm-leaderboard_new.csv"));
        var comparison = ImportComparison.Compare(SkillsImport.FromLeaderboard(leaderboard, tokens), reference, BenchmarkSets.V2);
        Assert.Empty(comparison.Mismatches);
        Stated(Page, m.Groups[1], comparison.Agreeing.Count, "the data_v2 rows the import reproduces");
        Assert.Equal(tokens.Count, comparison.Agreeing.Count);
    }

    /// <summary>The table row "| label (method) | x (ref) | … |": each x is the method's family-averaged MAE ×100 in that column's setting.</summary>
    private static void AssertRow(string method, EvaluationReport report)
    {
        var m = Claim(Page, @"\| [^|]*\(" + Regex.Escape(method) + @"\) \|" + string.Concat(Enumerable.Repeat(@" ([\d.]+) \([\d.]+\) \|", 6)));
        for (int c = 0; c < Columns.Length; c++)
        {
            var setting = report.Settings.Single(s => (s.Set, s.MinModels) == Columns[c]);
            var e = setting.Methods.Single(x => x.Name == method);
            Assert.Null(e.Failure);
            Stated(Page, m.Groups[c + 1], e.Mae, $"{method} in {Columns[c].Set}/n={Columns[c].MinModels - 1}");
        }
    }
}
