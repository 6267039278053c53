using ScottPlot.Plottables;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Reports.Skills;
using TaskScaling.Skills;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Reports;

/// <summary>The skills figures are handed the library's numbers.</summary>
public sealed class SkillsFigureTests
{
    private static readonly Lazy<(LeaderboardTable Table, SkillsReport.Contents C)> Shared = new(() =>
    {
        var table = LeaderboardReader.ReadSloth(DataLocation.Resolve());
        return (table, SkillsReport.ContentsOf(SkillsReportData.Compute(table, new SkillsReportRequest { Skills = 3 })));
    });

    [Fact]
    public void Loadings_and_correlations_are_the_interpretation_fits()
    {
        var (table, c) = Shared.Value;
        var fit = SkillsFit.Run(table, new SkillsFitRequest { Skills = 3, Monotone = false });
        Assert.Equal(fit.Benchmarks, c.Loadings.Rows);
        Assert.Equal(fit.Interpretation.Loadings, c.Loadings.Values);
        Assert.Equal(fit.Interpretation.Correlation, c.Correlation.Values);
        // The plot writes each loading into its cell: row r at y = rows − 1 − r, column k at x = k.
        var plot = SkillsFigures.Heatmap(c.Loadings);
        var texts = plot.GetPlottables<Text>().ToArray();
        int rows = c.Loadings.Rows.Count;
        Assert.Equal(rows * 3, texts.Length);
        var mmluSkill1 = texts.Single(t => t.Location.X == 0 && t.Location.Y == rows - 1);
        Assert.Equal(c.Loadings.Values[0, 0].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), mmluSkill1.LabelText);
        Assert.Same(c.Loadings.Values, plot.GetPlottables<Heatmap>().Single().Intensities);
    }

    [Fact]
    public void Link_figures_show_the_family_and_the_pca_baseline_as_the_library_computes_it()
    {
        var (table, c) = Shared.Value;
        var data = SkillDataset.Prepare(table, BenchmarkSets.V1, 1);
        var rows = data.RowsOf("meta-llama-3");
        double maxS = rows.Max(i => data.Parameters[i]);
        Assert.Equal(6, c.Link.Count);
        foreach (var (l, j) in c.Link.Select((l, j) => (l, j)))
        {
            Assert.Equal(BenchmarkSets.V1[j], l.Benchmark);
            Assert.Equal(rows.Select(i => data.Scores[i, j]), l.Observed.Select(o => o.Score));
            Assert.Equal(rows.Select(i => data.Parameters[i] == maxS), l.Observed.Select(o => o.HeldOut));
            Assert.Equal(["Sloth", "Sloth basic", "FLOPs", "PCA + FLOPs"], l.Curves.Select(cv => cv.Method));
            Assert.All(l.Curves, cv => Assert.Equal(100, cv.Score.Length));
            // Sloth basic keeps c fixed at the lower bound: every prediction lies in [c, 1].
            Assert.All(l.Curves[1].Score, v => Assert.InRange(v, data.LowerBounds[j], 1.0));
        }
        // PCA + FLOPs recomputed from the library on the same split and grid.
        var train = Enumerable.Range(0, data.Count).Where(i => data.Parameters[i] != maxS || !rows.Contains(i)).ToArray();
        var sizes = c.Link[0].Curves[3].SizeBillions;
        double tokens = c.LinkFits.TokensTrillions;
        int fam = data.FamilyNames.ToList().IndexOf("meta-llama-3");
        var grid = SkillDesign.Build(Covariates.LogFlops, InterceptKind.Family, data.FamilyNames, sizes,
            sizes.Select(_ => tokens).ToArray(), sizes.Select(s => 6 * s * tokens).ToArray(), sizes.Select(_ => fam).ToArray());
        var pca = PcaFlopsBaseline.FitPredict(SkillDesign.Build(Covariates.LogFlops, InterceptKind.Family, data, train), data.ScoresOf(train), grid, 3);
        for (int j = 0; j < 6; j++)
            Assert.Equal(Enumerable.Range(0, sizes.Length).Select(i => pca[i, j]), c.Link[j].Curves[3].Score);
        var plot = SkillsFigures.Link(c.Link[0]);
        var lines = plot.GetPlottables<Scatter>().Where(s => s.LegendText == "PCA + FLOPs").Single().Data.GetScatterPoints();
        Assert.Equal(c.Link[0].Curves[3].Score.Select(v => 100 * v), lines.Select(p => p.Y));
    }

    [Fact]
    public void Evaluation_heat_map_reads_a_saved_evaluation()
    {
        var json = """
            {"settings":[
              {"set":"v1","minModels":2,"methods":[{"name":"pca_d=1","mae":7.5},{"name":"factor_sigmoid_faminter_d=3","mae":"NaN"}]},
              {"set":"v2","minModels":3,"methods":[{"name":"pca_d=1","mae":5.25},{"name":"factor_sigmoid_faminter_d=3","mae":4.125}]}
            ]}
            """;
        var h = SkillsReport.EvaluationHeatmap(SkillsEvaluationFile.Parse(json, "eval.json"));
        Assert.Equal(["pca_d=1", "factor_sigmoid_faminter_d=3"], h.Rows);
        Assert.Equal(["v1 / n = 1", "v2 / n = 2"], h.Columns);
        Assert.Equal(7.5, h.Values[0, 0]);
        Assert.True(double.IsNaN(h.Values[1, 0]));
        Assert.Equal(5.25, h.Values[0, 1]);
        Assert.Equal(4.125, h.Values[1, 1]);
        var (_, c) = Shared.Value;
        // Without a file the PCA baselines are evaluated now: the library's numbers.
        var report = SkillsEvaluation.Run(Shared.Value.Table, new EvaluationRequest { Methods = ["pca_d=1", "pca_d=2", "pca_d=3", "pca_d=4"] });
        Assert.Equal(SkillsReport.EvaluationHeatmap(EvaluationSummary.From(report)).Values, c.Evaluation.Values);
    }
}
