using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Html;
using TaskScaling.Reports.Ladder;
using TaskScaling.Skills;

namespace TaskScaling.Reports.Skills;

/// <summary>What a skills report shows.</summary>
public sealed record SkillsReportInput
{
    public required LeaderboardTable Table { get; init; }
    /// <summary>Number of skills d of the interpretation and link-function fits.</summary>
    public int Skills { get; init; } = 3;
    /// <summary>The family (Family2) of the link-function figure; its largest model is held out.</summary>
    public string Family { get; init; } = "meta-llama-3";
    /// <summary>Benchmark set of the link-function figure: v1, v2 or all.</summary>
    public string LinkSet { get; init; } = "v1";
    /// <summary>A saved `skills evaluate --format json`; when null the methods of <see cref="EvaluateMethods"/> are evaluated now.</summary>
    public string? EvaluationFile { get; init; }
    /// <summary>Methods evaluated when no file is given (default: the four PCA + FLOPs baselines, which take seconds).</summary>
    public IReadOnlyList<string> EvaluateMethods { get; init; } = ["pca_d=1", "pca_d=2", "pca_d=3", "pca_d=4"];
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
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
        IReadOnlyList<LinkFigureData> Link,
        LinkFits LinkFits,
        HeatmapData Evaluation,
        string EvaluationSource);

    /// <summary>The link-function fits: which models were held out, each method's training MAE.</summary>
    public sealed record LinkFits(string Family, IReadOnlyList<string> Benchmarks, IReadOnlyList<string> HeldOut, int TrainingModels,
        IReadOnlyDictionary<string, double> TrainingMae, double TokensTrillions);

    public static Contents Compute(SkillsReportInput input)
    {
        if (input.Skills < 2) throw new InvalidRequestException($"--d must be at least 2 for the report (rotated loadings and skill correlations), got {input.Skills}");
        // Validate the cheap things before the fits.
        var linkBenchmarks = BenchmarkSets.ByName(input.LinkSet);
        var linkData = SkillDataset.Prepare(input.Table, linkBenchmarks, 1);
        if (!input.Table.Families.Contains(input.Family))
            throw new InvalidRequestException($"unknown family '{input.Family}' (not in {input.Table.Source})");
        var familyRows = linkData.RowsOf(input.Family);
        if (familyRows.Length < 2)
            throw new InvalidRequestException($"family '{input.Family}' has {familyRows.Length} model(s) with tokens and all {linkBenchmarks.Count} scores of set '{input.LinkSet}'; the link-function figure needs at least 2 (one to fit, one held out)");
        JsonDocument? evaluationJson = input.EvaluationFile is { } file ? ReadEvaluation(file) : null;

        SkillsFitReport? fit = null;
        LinkResult? link = null;
        HeatmapData? evaluation = null;
        string evaluationSource = "";
        var work = new Action[]
        {
            () => fit = SkillsFit.Run(input.Table, new SkillsFitRequest { Skills = input.Skills, Monotone = false, FitOptions = input.FitOptions }),
            () => link = LinkFunction(input, linkData, familyRows),
            () =>
            {
                if (evaluationJson is not null)
                {
                    evaluation = EvaluationHeatmap(evaluationJson.RootElement);
                    evaluationSource = $"from {input.EvaluationFile}";
                }
                else
                {
                    var report = SkillsEvaluation.Run(input.Table, new EvaluationRequest { Methods = input.EvaluateMethods, FitOptions = input.FitOptions });
                    evaluation = EvaluationHeatmap(report);
                    evaluationSource = $"evaluated now for {string.Join(", ", input.EvaluateMethods)} (pass --evaluation FILE with a saved `skills evaluate --format json` for all 28 methods)";
                }
            },
        };
        Parallel.Invoke(work);
        var interp = fit!.Interpretation;
        var skillNames = Enumerable.Range(1, interp.SkillCount).Select(k => $"skill {k}").ToArray();
        var loadings = new HeatmapData($"Rotated loadings (geomin, d = {interp.SkillCount})", interp.Benchmarks, skillNames, interp.Loadings,
            "Loading", "0.00", Diverging: true, "Skill", "Benchmark");
        var corr = new HeatmapData($"Skill correlations (d = {interp.SkillCount})", skillNames, skillNames, interp.Correlation,
            "Correlation", "0.00", Diverging: true, "Skill", "Skill");
        return new Contents(fit, loadings, corr, link!.Figures, link.Fits, evaluation!, evaluationSource);
    }

    private sealed record LinkResult(IReadOnlyList<LinkFigureData> Figures, LinkFits Fits);

    /// <summary>
    /// Spec §7: hold out the family's largest model(s); fit on every other complete-case model Sloth basic (sigmoid,
    /// log10 S, T, S·T, family intercepts), Sloth (monotone link, warm started from Sloth basic), FLOPs (ln F, shared
    /// intercept, c trained) and PCA + FLOPs (ln F, family intercepts), all with d skills; predict 100 sizes from 1B
    /// to 100B (wider when the family's models are) at the tokens of the family's first (smallest) model.
    /// </summary>
    private static LinkResult LinkFunction(SkillsReportInput input, SkillDataset data, int[] familyRows)
    {
        double maxS = familyRows.Max(i => data.Parameters[i]);
        var held = familyRows.Where(i => data.Parameters[i] == maxS).ToArray();
        var train = Enumerable.Range(0, data.Count).Where(i => !held.Contains(i)).ToArray();
        var y = data.ScoresOf(train);
        int d = Math.Min(input.Skills, data.BenchmarkCount);
        double tokens = data.Tokens[familyRows.First(i => !held.Contains(i))];
        // The paper's grid is 1B–100B; widened when the family has models outside it, so every model sits on the axis.
        var sizes = LadderFigureAdapter.LogSpace(Math.Min(1, familyRows.Min(i => data.Parameters[i])), Math.Max(100, maxS), 100);
        int fam = data.FamilyNames.ToList().IndexOf(input.Family);
        SkillDesign Grid(Covariates cov, InterceptKind ic) => SkillDesign.Build(cov, ic, data.FamilyNames, sizes,
            sizes.Select(_ => tokens).ToArray(), sizes.Select(s => 6 * s * tokens).ToArray(), sizes.Select(_ => fam).ToArray());

        var opt = input.FitOptions;
        var slothDesign = SkillDesign.Build(Covariates.Log10SizeLog10Tokens, InterceptKind.Family, data, train);
        var flopsDesign = SkillDesign.Build(Covariates.LogFlops, InterceptKind.Shared, data, train);
        var pcaDesign = SkillDesign.Build(Covariates.LogFlops, InterceptKind.Family, data, train);
        SkillFitResult? basic = null, flops = null;
        Parallel.Invoke(
            () => basic = SkillFitter.FitSigmoid(slothDesign, y, data.LowerBounds, d, false, opt),
            () => flops = SkillFitter.FitSigmoid(flopsDesign, y, data.LowerBounds, d, true, opt));
        var sloth = SkillFitter.FitMonotone(basic!, y, opt);
        var predictions = new (string Method, double[,] Y)[]
        {
            ("Sloth", sloth.Predict(Grid(Covariates.Log10SizeLog10Tokens, InterceptKind.Family))),
            ("Sloth basic", basic!.Predict(Grid(Covariates.Log10SizeLog10Tokens, InterceptKind.Family))),
            ("FLOPs", flops!.Predict(Grid(Covariates.LogFlops, InterceptKind.Shared))),
            ("PCA + FLOPs", PcaFlopsBaseline.FitPredict(pcaDesign, y, Grid(Covariates.LogFlops, InterceptKind.Family), d)),
        };
        var figures = new List<LinkFigureData>();
        for (int j = 0; j < data.BenchmarkCount; j++)
        {
            var curves = predictions.Select(p => new LinkCurve(p.Method, sizes, Enumerable.Range(0, sizes.Length).Select(i => p.Y[i, j]).ToArray())).ToArray();
            var observed = familyRows.Select(i => new ObservedModel(data.Models[i], data.Parameters[i], data.Scores[i, j], held.Contains(i))).ToArray();
            figures.Add(new LinkFigureData(input.Family, data.Benchmarks[j], tokens, data.LowerBounds[j], curves, observed));
        }
        var mae = new Dictionary<string, double> { ["Sloth"] = sloth.TrainingMae, ["Sloth basic"] = basic.TrainingMae, ["FLOPs"] = flops.TrainingMae };
        return new LinkResult(figures, new LinkFits(input.Family, data.Benchmarks, held.Select(i => data.Models[i]).ToArray(), train.Length, mae, tokens));
    }

    private static JsonDocument ReadEvaluation(string file)
    {
        if (!File.Exists(file)) throw new DataFormatException(file, null, null, "file not found");
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("settings", out var s) || s.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(file, null, null, "not a `skills evaluate --format json` file (no \"settings\" array)");
            return doc;
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, (int?)(e.LineNumber + 1), null, $"invalid JSON: {e.Message.Split('.')[0]}");
        }
    }

    private static string SettingLabel(string set, int minModels) => $"{set} / n = {minModels - 1}";

    /// <summary>Method × setting MAE (×100) from a saved evaluation.</summary>
    public static HeatmapData EvaluationHeatmap(JsonElement root)
    {
        var settings = root.GetProperty("settings").EnumerateArray()
            .Select(s => (Label: SettingLabel(s.GetProperty("set").GetString()!, s.GetProperty("minModels").GetInt32()),
                Methods: s.GetProperty("methods").EnumerateArray().Select(m => (m.GetProperty("name").GetString()!, Number(m.GetProperty("mae")))).ToArray()))
            .ToArray();
        return Heat(settings.Select(s => (s.Label, (IReadOnlyList<(string, double)>)s.Methods)).ToArray());
    }

    public static HeatmapData EvaluationHeatmap(EvaluationReport report) =>
        Heat(report.Settings.Select(s => (SettingLabel(s.Set, s.MinModels), (IReadOnlyList<(string, double)>)s.Methods.Select(m => (m.Name, m.Mae)).ToArray())).ToArray());

    private static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => double.NaN,
    };

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
        return list;
    }

    public static SkillsReportResult Write(SkillsReportInput input, string outDir, bool force)
    {
        ReportFolder.Check(outDir, force);
        var c = Compute(input);
        var figures = Figures(c);
        var rendered = new RenderedFigure[figures.Count];
        Parallel.For(0, figures.Count, i => rendered[i] = FigureRenderer.Render(figures[i].Plot(), figures[i].Name, height: figures[i].Height));
        var html = Html(input, c, figures, rendered);
        var json = JsonSerializer.Serialize(new
        {
            tool = "taskscaling", version = ReportsAssembly.Version,
            interpretation = new
            {
                benchmarks = c.Fit.Benchmarks, seed = c.Fit.Seed, trainingMae = c.Fit.Sigmoid.TrainingMae,
                loadings = Rows(c.Loadings.Values), correlation = Rows(c.Correlation.Values),
            },
            link = new { fits = c.LinkFits, figures = c.Link },
            evaluation = new { source = c.EvaluationSource, methods = c.Evaluation.Rows, settings = c.Evaluation.Columns, mae = Rows(c.Evaluation.Values) },
        }, LadderReport.Json);
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
        var doc = new HtmlDocument($"Skills report: d = {c.Fit.Interpretation.SkillCount}, family {input.Family}");
        void Fig(int i) => doc.Figure(rendered[i], figures[i].Title, figures[i].Caption);
        doc.Paragraph("Skill scaling laws (Sloth, Maia Polo et al. 2024): benchmark scores of many model families explained by a few latent skills that grow with log size and log tokens, with a family-specific efficiency. Scores in % (points); report.json has every number.");
        doc.Heading("Skills", 2, "skills");
        Fig(0);
        Fig(1);
        doc.Table(["Benchmark", .. c.Loadings.Columns],
            c.Loadings.Rows.Select((b, r) => (IReadOnlyList<Cell>)[new Cell(b), .. Enumerable.Range(0, c.Loadings.Columns.Count)
                .Select(k => new Cell(c.Loadings.Values[r, k].ToString("F3", CultureInfo.InvariantCulture), c.Loadings.Values[r, k], $"loading/{b}/{k + 1}"))]).ToList(),
            "loadings", "Rotated loadings");
        doc.Heading($"Link functions for {input.Family}", 2, "link");
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
        Fig(figures.Count - 1);
        var footer = new List<(string, string)>
        {
            ("Inputs", $"{input.Table.Source}" + (input.DataFolder is { } df ? $" (data folder {df})" : "") + (input.EvaluationFile is { } ef ? $"; evaluation {ef}" : "")),
            ("Options", $"d = {input.Skills}, family {input.Family}, link-function set {input.LinkSet}, seed {input.FitOptions.Seed}, stage-1 optimiser {input.FitOptions.Optimizer}, stage-2 optimiser {input.FitOptions.MonotoneOptimizer}"),
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
