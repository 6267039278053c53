using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills backtest`: a family's larger models predicted from its smallest ones, with intervals.</summary>
public static class SkillsBacktestCommand
{
    public static Command Create()
    {
        var cmd = new Command("backtest", "Leave-family-out for one family (the paper's protocol): it keeps its --given smallest models, its larger ones are predicted with calibrated intervals and compared with their scores.");
        var family = new Option<string>("--family") { Description = "Family (Family2 column) to test.", Required = true };
        var given = new Option<int>("--given") { Description = "Models the family keeps for training: 1 or 2 as in the paper (more is allowed).", DefaultValueFactory = _ => 1 };
        var d = new Option<int>("--d") { Description = "Skills of sloth and sloth-basic; principal components of pca-flops.", DefaultValueFactory = _ => 3 };
        var set = new Option<string>("--set") { Description = "Benchmark set: v1, v2 or all.", DefaultValueFactory = _ => "all" };
        var iv = new SkillsIntervalOptions();
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in (Option[])[family, given, d, set, .. iv.All, data, tables, format, outp]) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var table = SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), parse.GetValue(set) ?? "all");
            var request = new SkillsBacktestRequest
            {
                Family = parse.GetValue(family)!, Given = parse.GetValue(given), Set = parse.GetValue(set) ?? "all", Skills = parse.GetValue(d),
                Method = SkillsMethods.Parse(parse.GetValue(iv.Method)!), Members = parse.GetValue(iv.Seeds), Level = parse.GetValue(iv.Level),
                Parallelism = iv.ThreadsOf(parse),
            };
            var r = ProgressDisplay.Run("fits", p => SkillsBacktest.Run(table, request with { Progress = p }));
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(ToJson(r), CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv) CliOutput.WriteText(ToCsv(r), parse.GetValue(outp));
            else CliOutput.WriteRenderables(Render(r), parse.GetValue(outp));
            return 0;
        }));
        return cmd;
    }

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string ToCsv(BacktestReport r) =>
        CsvWriter.ToText(["model", "benchmark", "score", "lower", "upper", "actual"], r.Models.SelectMany(m => m.Predictions.Select(p =>
            (IEnumerable<object?>)[m.Model, p.Benchmark, R(p.Score), R(p.Lower), R(p.Upper), R(p.Actual)])));

    internal static object ToJson(BacktestReport r) => new
    {
        families = r.Families, set = r.Set, givenModels = r.GivenModels, method = r.Method, level = r.Level, trainingModels = r.TrainingModels,
        mae = r.Mae, coverage = r.Coverage, meanWidth = r.MeanWidth,
        calibrationFamilies = r.Calibration.Families,
        weights = r.Weights?.ToDictionary(kv => SkillsMethods.Name(kv.Key), kv => kv.Value),
        perBenchmark = r.PerBenchmark.Select(b => new { benchmark = b.Benchmark, mae = b.Mae, coverage = b.Coverage }),
        models = r.Models.Select(m => new
        {
            // Raw counts (docs/output.md); the leaderboard's columns are billions and trillions.
            model = m.Model, family = m.Family, @params = m.Parameters * 1e9, tokens = m.Tokens * 1e12,
            predictions = m.Predictions.Select(p => new { benchmark = p.Benchmark, score = p.Score, lower = p.Lower, upper = p.Upper, actual = p.Actual }),
        }),
    };

    private static IEnumerable<IRenderable> Render(BacktestReport r)
    {
        yield return new Markup(Markup.Escape(
            $"{string.Join(", ", r.Families)} ({r.Set}): {r.GivenModels} given model(s) each, {r.Models.Count} predicted; {r.Method}, {r.TrainingModels} training models; " +
            $"{SkillsOutput.F(100 * r.Level, "G3")}% intervals calibrated on {r.Calibration.Families.Count} other families\n" +
            $"MAE {SkillsOutput.F(100 * r.Mae)} pp, coverage {SkillsOutput.F(100 * r.Coverage, "F0")}%, mean width {SkillsOutput.F(100 * r.MeanWidth, "F1")} pp\n"));
        static string P(double? v) => v is { } x ? SkillsOutput.F(100 * x, "F1") : "–";
        foreach (var m in r.Models)
        {
            var t = new Table().Border(TableBorder.Simple).Title($"{m.Model} ({SkillsOutput.F(m.Parameters, "G4")}B, {SkillsOutput.F(m.Tokens, "G4")}T), points");
            foreach (var c in new[] { "benchmark", "predicted", "lower", "upper", "actual", "error" }) t.AddColumn(c == "benchmark" ? new TableColumn(c) : new TableColumn(c).RightAligned());
            foreach (var p in m.Predictions)
            {
                bool inside = p.Actual >= p.Lower && p.Actual <= p.Upper;
                t.AddRow(p.Benchmark, P(p.Score), P(p.Lower), P(p.Upper), P(p.Actual) + (inside ? "" : " *"), SkillsOutput.F(100 * (p.Score - p.Actual!.Value), "+0.0;-0.0"));
            }
            yield return t;
        }
        var s = new Table().Border(TableBorder.Simple).Title("Per benchmark");
        s.AddColumn("benchmark"); s.AddColumn(new TableColumn("MAE (pp)").RightAligned()); s.AddColumn(new TableColumn("coverage").RightAligned());
        foreach (var b in r.PerBenchmark) s.AddRow(b.Benchmark, SkillsOutput.F(100 * b.Mae), SkillsOutput.F(100 * b.Coverage, "F0") + "%");
        yield return s;
        yield return new Markup("* actual outside the interval\n");
    }
}
