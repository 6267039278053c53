using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using TaskScaling.Data;
using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Html;
using TaskScaling.Reports.Ladder;
using TaskScaling.Skills;

namespace TaskScaling.Reports.Skills;

/// <summary>What a skills report shows: the library's numbers (<see cref="SkillsReportData.Compute"/>) and where they came from.</summary>
public sealed record SkillsReportInput
{
    public required SkillsReportData Data { get; init; }
    public string? Command { get; init; }
    public string? DataFolder { get; init; }
    public DateTimeOffset? Date { get; init; }
}

public sealed record SkillsReportResult(string Folder, IReadOnlyList<string> Figures);

/// <summary>
/// The skills report (Sloth, Maia Polo et al. 2024): rotated loadings and skill correlations of the interpretation
/// fit, the link-function figure for one family, and the method × setting error heat map.
/// </summary>
public static class SkillsReport
{
    /// <summary>Everything the report draws.</summary>
    public sealed record Contents(
        SkillsFitReport Fit,
        HeatmapData Loadings,
        HeatmapData Correlation,
        IReadOnlyList<LinkFunctionCurves> Link,
        LinkFunctionFits LinkFits,
        HeatmapData Evaluation,
        string EvaluationSource)
    {
        public TaskScaling.Skills.Downstream.DownstreamResult? Downstream { get; init; }
        public TaskScaling.Skills.TestTime.TestTimeResult? TestTime { get; init; }
    }

    /// <summary>The library's numbers (<see cref="SkillsReportData.Compute"/>) as the report draws them.</summary>
    public static Contents ContentsOf(SkillsReportData data)
    {
        var interp = data.Fit.Interpretation;
        var skillNames = Enumerable.Range(1, interp.SkillCount).Select(k => $"skill {k}").ToArray();
        var loadings = new HeatmapData($"Rotated loadings (geomin, d = {interp.SkillCount})", interp.Benchmarks, skillNames, interp.Loadings,
            "Loading", "0.00", Diverging: true, "Skill", "Benchmark");
        var corr = new HeatmapData($"Skill correlations (d = {interp.SkillCount})", skillNames, skillNames, interp.Correlation,
            "Correlation", "0.00", Diverging: true, "Skill", "Skill");
        return new Contents(data.Fit, loadings, corr, data.Link.Benchmarks, data.Link.Fits, EvaluationHeatmap(data.Evaluation), data.EvaluationSource)
        {
            Downstream = data.Downstream, TestTime = data.TestTime,
        };
    }

    private static string SettingLabel(string set, int minModels) => $"{set} / n = {minModels - 1}";

    /// <summary>Method × setting MAE (×100).</summary>
    public static HeatmapData EvaluationHeatmap(EvaluationSummary evaluation) =>
        Heat(evaluation.Settings.Select(s => (SettingLabel(s.Set, s.MinModels), (IReadOnlyList<(string, double)>)s.Methods.Select(m => (m.Name, m.Mae)).ToArray())).ToArray());

    private static HeatmapData Heat((string Label, IReadOnlyList<(string Name, double Mae)> Methods)[] settings)
    {
        var methods = settings.SelectMany(s => s.Methods.Select(m => m.Name)).Distinct().ToArray();
        var values = new double[methods.Length, settings.Length];
        for (int r = 0; r < methods.Length; r++)
            for (int c = 0; c < settings.Length; c++)
            {
                var hit = settings[c].Methods.Where(m => m.Name == methods[r]).ToArray();
                values[r, c] = hit.Length > 0 ? hit[0].Mae : double.NaN;
            }
        return new HeatmapData("Leave-family-out error (family-averaged MAE × 100)", methods, settings.Select(s => s.Label).ToArray(), values,
            "MAE (points)", "0.00", Diverging: false, "Benchmark set / training models per test family", "Method");
    }

    public static IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Caption, Func<Plot> Plot, int Height)> Figures(Contents c)
    {
        var f = c.Fit;
        var interp = f.Interpretation;
        string data = $"Sloth basic (sigmoid link, c fixed at the lower bounds, family intercepts, log10 S, T, S·T) on {f.Models.Count} complete-case models of {f.Families.Count} families × {f.Benchmarks.Count} benchmarks, seed {f.Seed}; training MAE {100 * f.Sigmoid.TrainingMae:F2} points.";
        var list = new List<(string, string, IReadOnlyList<string>, Func<Plot>, int)>
        {
            ("skills-loadings", c.Loadings.Title,
                [data, $"Skills standardised to identity covariance, loadings rotated by oblique geomin ({(interp.Rotation is { } r ? $"{r.Iterations} iterations, {(r.Converged ? "converged" : "not converged")}" : "no rotation for d = 1")}), each skill oriented to rise with log size."],
                () => SkillsFigures.Heatmap(c.Loadings), Math.Max(FigureRenderer.DefaultHeight, 60 + 36 * c.Loadings.Rows.Count)),
            ("skills-correlation", c.Correlation.Title, [data, "Correlation of the rotated skills (Φ = TᵀT, oriented)."],
                () => SkillsFigures.Heatmap(c.Correlation), FigureRenderer.DefaultHeight),
        };
        var lf = c.LinkFits;
        foreach (var l in c.Link)
            list.Add(($"link-{LadderReport.Safe(l.Benchmark)}", $"{l.Benchmark}: predicted score against size for {l.Family}",
                [
                    string.Create(CultureInfo.InvariantCulture, $"Held out: {string.Join(", ", lf.HeldOut)}; fitted on the other {lf.TrainingModels} complete-case models of {string.Join(", ", lf.Benchmarks)} (d = {c.Fit.Interpretation.SkillCount}). Curves at T = {lf.TokensTrillions:0.###}T tokens (the family's smallest model)."),
                    "Sloth: monotone network link, warm started from Sloth basic, c trained. Sloth basic: sigmoid link, family intercepts, log10 S, T, S·T, c fixed. FLOPs: ln F with a shared intercept, sigmoid link, c trained. PCA + FLOPs: top-d principal components regressed on ln F with family intercepts.",
                    "Training MAE (points): " + string.Join(", ", lf.TrainingMae.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {100 * kv.Value:F2}"))) + ".",
                ],
                () => SkillsFigures.Link(l), FigureRenderer.DefaultHeight));
        list.Add(("skills-evaluation", c.Evaluation.Title, [$"Methods (rows) × settings (columns); {c.EvaluationSource}."],
            () => SkillsFigures.Heatmap(c.Evaluation), Math.Max(FigureRenderer.DefaultHeight, 90 + 26 * c.Evaluation.Rows.Count)));
        if (c.Downstream is { } ds)
            list.Add(("downstream", $"{ds.Task}: predicted against actual",
                [string.Create(CultureInfo.InvariantCulture, $"Downstream layer on {ds.Sloth.Training.Count} models (Sloth basic skills from {ds.SlothTrainingModels} models; training MAE {100 * ds.Sloth.Layer.TrainingMae:F2} points) and the same layer on the first {ds.Skills} principal components of the training rows (training MAE {100 * ds.Pca.Layer.TrainingMae:F2}). Targets held out of every fit; bars: {100 * ds.Level:0}% bootstrap intervals.")],
                () => BeyondLeaderboardFigures.Downstream(ds), FigureRenderer.DefaultHeight));
        if (c.TestTime is { } tt)
            foreach (var cv in tt.Curves)
                list.Add(($"coverage-{LadderReport.Safe(cv.Model)}", $"{cv.Model}: coverage against samples",
                    [string.Create(CultureInfo.InvariantCulture, $"Item-response layer on {tt.TrainingModels.Count} models × {tt.Problems} problems, weight decay {tt.WeightDecay:G3}; coverage(k) = 1 − mean_q (1 − p_q)^k against the pass@k estimator of the model's own samples.")],
                    () => BeyondLeaderboardFigures.Coverage(cv), FigureRenderer.DefaultHeight));
        return list;
    }

    public static SkillsReportResult Write(SkillsReportInput input, string outDir, bool force)
    {
        ReportFolder.Check(outDir, force);
        var c = ContentsOf(input.Data);
        var figures = Figures(c);
        var rendered = new RenderedFigure[figures.Count];
        Parallel.For(0, figures.Count, i => rendered[i] = FigureRenderer.Render(figures[i].Plot(), figures[i].Name, height: figures[i].Height));
        var html = Html(input, c, figures, rendered);
        var json = JsonSerializer.Serialize(new
        {
            tool = ReportMarker.Tool, version = ReportsAssembly.Version,
            kind = ReportMarker.SkillsReport, files = ReportMarker.Files(rendered, "index.html"),
            interpretation = new
            {
                benchmarks = c.Fit.Benchmarks, seed = c.Fit.Seed, trainingMae = c.Fit.Sigmoid.TrainingMae,
                loadings = Rows(c.Loadings.Values), correlation = Rows(c.Correlation.Values),
            },
            link = new { fits = c.LinkFits, figures = c.Link },
            evaluation = new { source = c.EvaluationSource, methods = c.Evaluation.Rows, settings = c.Evaluation.Columns, mae = Rows(c.Evaluation.Values) },
            downstream = c.Downstream?.Targets,
            testTime = c.TestTime?.Curves,
        }, JsonConventions.Indented);
        var folder = ReportFolder.Write(outDir, force, dir =>
        {
            foreach (var f in rendered) f.WriteTo(dir);
            File.WriteAllText(Path.Combine(dir, "report.json"), json + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(dir, "index.html"), html, new UTF8Encoding(false));
        });
        return new SkillsReportResult(folder, rendered.Select(r => r.Name).ToArray());
    }

    private static double[][] Rows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(r => Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c]).ToArray()).ToArray();

    private static string Html(SkillsReportInput input, Contents c,
        IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Caption, Func<Plot> Plot, int Height)> figures, RenderedFigure[] rendered)
    {
        var request = input.Data.Request;
        var doc = new HtmlDocument($"Skills report: d = {c.Fit.Interpretation.SkillCount}, family {request.Family}");
        void Fig(int i) => doc.Figure(rendered[i], figures[i].Title, figures[i].Caption);
        doc.Paragraph("Skill scaling laws (Sloth, Maia Polo et al. 2024): benchmark scores of many model families explained by a few latent skills that grow with log size and log tokens, with a family-specific efficiency. Scores in % (points); report.json has every number.");
        doc.Heading("Skills", 2, "skills");
        Fig(0);
        Fig(1);
        doc.Table(["Benchmark", .. c.Loadings.Columns],
            c.Loadings.Rows.Select((b, r) => (IReadOnlyList<Cell>)[new Cell(b), .. Enumerable.Range(0, c.Loadings.Columns.Count)
                .Select(k => new Cell(c.Loadings.Values[r, k].ToString("F3", CultureInfo.InvariantCulture), c.Loadings.Values[r, k], $"loading/{b}/{k + 1}"))]).ToList(),
            "loadings", "Rotated loadings");
        doc.Heading($"Link functions for {request.Family}", 2, "link");
        for (int i = 0; i < figures.Count; i++) if (figures[i].Name.StartsWith("link-", StringComparison.Ordinal)) Fig(i);
        var lf = c.LinkFits;
        doc.Table(["Benchmark", "Held-out model", "Actual (%)", .. c.Link[0].Curves.Select(cv => $"{cv.Method} at its size (%)")],
            c.Link.SelectMany(l => l.Observed.Where(o => o.HeldOut).Select(o => (IReadOnlyList<Cell>)
            [
                new Cell(l.Benchmark), new Cell(o.Model), new Cell((100 * o.Score).ToString("F2", CultureInfo.InvariantCulture), o.Score, $"actual/{l.Benchmark}/{o.Model}"),
                .. l.Curves.Select(cv => At(cv, o.SizeBillions) is var v ? new Cell((100 * v).ToString("F2", CultureInfo.InvariantCulture)) : default),
            ])).ToList(),
            "held-out", "Held-out models: actual score and each method's curve at the model's size (interpolated on the 100-point grid)");
        doc.Heading("Method × setting error", 2, "evaluation");
        for (int i = 0; i < figures.Count; i++) if (figures[i].Name == "skills-evaluation") Fig(i);
        if (c.Downstream is not null || c.TestTime is not null)
        {
            doc.Heading("Beyond the leaderboard", 2, "beyond");
            for (int i = 0; i < figures.Count; i++) if (figures[i].Name == "downstream" || figures[i].Name.StartsWith("coverage-", StringComparison.Ordinal)) Fig(i);
        }
        var footer = new List<(string, string)>
        {
            ("Inputs", $"{input.Data.Source}" + (input.DataFolder is { } df ? $" (data folder {df})" : "") + (request.Evaluation is not null && request.EvaluationSource is { } ef ? $"; evaluation {ef}" : "")),
            ("Options", $"d = {request.Skills}, family {request.Family}, link-function set {request.LinkSet}, seed {request.FitOptions.Seed}, stage-1 optimiser {request.FitOptions.Optimizer}, stage-2 optimiser {request.FitOptions.MonotoneOptimizer}"),
            ("Command", input.Command ?? "SkillsReport.Write"),
            ("Tool", $"taskscaling {ReportsAssembly.Version} (ScottPlot figures, font {FigureFonts.Family})"),
            ("Date", (input.Date ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        };
        return doc.ToHtml(footer);
    }

    /// <summary>A curve's value at a size, linearly interpolated in log size.</summary>
    internal static double At(LinkCurve c, double size)
    {
        var x = Math.Log(size);
        for (int i = 1; i < c.SizeBillions.Length; i++)
        {
            double a = Math.Log(c.SizeBillions[i - 1]), b = Math.Log(c.SizeBillions[i]);
            if (x <= b || i == c.SizeBillions.Length - 1)
                return c.Score[i - 1] + (c.Score[i] - c.Score[i - 1]) * (x - a) / (b - a);
        }
        return double.NaN;
    }
}
