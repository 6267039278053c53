using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills evaluate`: the leave-family-out comparison of spec §6.</summary>
public static class SkillsEvaluateCommand
{
    public static Command Create()
    {
        var cmd = new Command("evaluate", "Leave-family-out evaluation of the 28 methods (family-averaged MAE ×100).");
        var set = new Option<string[]>("--set") { Description = "Benchmark set(s): v1, v2, all (default: all three).", AllowMultipleArgumentsPerToken = true };
        var mm = new Option<int[]>("--min-models") { Description = "min_models: 2 (one training model per test family) and/or 3 (two). Default both.", AllowMultipleArgumentsPerToken = true };
        var methods = new Option<string[]>("--methods") { Description = "Method names (default: all 28), e.g. pca_d=2,factor_trainlink_faminter_d=3.", AllowMultipleArgumentsPerToken = true };
        var optimizer = new Option<SkillOptimizer>("--stage2-optimizer") { Description = "Optimiser of the monotone-link (stage-2) fits: Adam (the reference's learning-rate sweep), AdamThenProjectedLbfgs (2,000 Adam epochs, then bound-constrained L-BFGS: faster, higher training loss), AdamThenLbfgs, ProjectedLbfgs or Lbfgs.", DefaultValueFactory = _ => SkillFitOptions.Default.MonotoneOptimizer };
        var precision = new Option<SkillPrecision>("--precision") { Description = "Arithmetic of the Adam fits: Single (as the reference's float32 torch code; about twice as fast) or Double. L-BFGS always works in double.", DefaultValueFactory = _ => SkillFitOptions.Default.AdamPrecision };
        var seed = new Option<int>("--seed") { Description = "Seed of every fit's initial values (torch's random stream, as the reference; default 42, the reference's).", DefaultValueFactory = _ => SkillFitOptions.Default.Seed };
        var families = new Option<string[]>("--families") { Description = "Test these families (each its own group) instead of the paper's groups, e.g. --families pythia,qwen2 (any family of the --table files).", AllowMultipleArgumentsPerToken = true };
        var intervals = new Option<bool>("--intervals") { Description = "Run the calibrated ensemble of --method (as `skills predict` does) on the protocol: coverage, mean width and MAE per setting. The 28-method table is then only run for --methods given." };
        var iv = new SkillsIntervalOptions();
        var d = new Option<int>("--d") { Description = "With --intervals: skills of sloth and sloth-basic, components of pca-flops.", DefaultValueFactory = _ => 3 };
        var threads = iv.Threads;
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in new Option[] { set, mm, methods, families, intervals, iv.Method, d, iv.Seeds, iv.Level, optimizer, precision, seed, threads, data, tables, format, outp }) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var sets = SkillsOutput.Split(parse.GetValue(set));
            var mins = parse.GetValue(mm) ?? [];
            var names = SkillsOutput.Split(parse.GetValue(methods));
            var fams = SkillsOutput.Split(parse.GetValue(families));
            int? nThreads = iv.ThreadsOf(parse);
            var table = SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), sets.Length > 0 ? sets : ["v1", "v2", "all"]);
            var request = new EvaluationRequest
            {
                Sets = sets.Length > 0 ? sets : ["v1", "v2", "all"],
                MinModels = mins.Length > 0 ? mins : [2, 3],
                Methods = names.Length > 0 ? names : null,
                Families = fams.Length > 0 ? fams : null,
                FitOptions = SkillFitOptions.Default with { MonotoneOptimizer = parse.GetValue(optimizer), AdamPrecision = parse.GetValue(precision), Seed = parse.GetValue(seed) },
                Parallelism = nThreads,
            };
            foreach (var m in request.MinModels)
                if (m is not (2 or 3)) throw new InvalidRequestException($"--min-models must be 2 or 3, got {m}");
            var fmt = parse.GetValue(format);
            if (parse.GetValue(intervals))
            {
                var intervalRequest = new IntervalEvaluationRequest
                {
                    Sets = request.Sets, Given = request.MinModels.Select(m => m - 1).ToArray(), Families = request.Families,
                    Method = SkillsMethods.Parse(parse.GetValue(iv.Method)!), Members = parse.GetValue(iv.Seeds), Level = parse.GetValue(iv.Level),
                    Skills = parse.GetValue(d), Seed = request.FitOptions.Seed, Parallelism = nThreads,
                    // The predictions' stage-2 optimiser unless one is asked for.
                    FitOptions = parse.GetResult(optimizer) is { Implicit: false } ? request.FitOptions
                        : SkillsPrediction.DefaultFitOptions with { AdamPrecision = request.FitOptions.AdamPrecision, Seed = request.FitOptions.Seed },
                };
                var ir = ProgressDisplay.Run("fits", p => IntervalEvaluation.Run(table, intervalRequest with { Progress = p }));
                var comparison = names.Length > 0 ? SkillsEvaluation.Run(table, request) : null;
                if (fmt == OutputFormat.Csv) throw new InvalidRequestException("--format csv is not available with --intervals (use table or json)");
                if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(IntervalsJson(ir, comparison), CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
                else CliOutput.WriteRenderables([.. RenderIntervals(ir), .. comparison is null ? [] : Render(comparison)], parse.GetValue(outp));
                return 0;
            }
            var report = ProgressDisplay.Run("fits", p => SkillsEvaluation.Run(table, request with { Progress = p }));
            if (fmt == OutputFormat.Json) CliOutput.WriteText(SkillsEvaluationFile.ToJson(report), parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv) CliOutput.WriteText(SkillsEvaluationFile.ToCsv(report), parse.GetValue(outp));
            else CliOutput.WriteRenderables(Render(report), parse.GetValue(outp));
            var evaluated = report.Settings.SelectMany(s => s.Methods.Select(m => (s, m))).ToList();
            return CliRunner.Outcome(evaluated.Where(x => x.m.Failure is not null).Select(x => $"{x.m.Name} ({Label(x.s)})").ToList(), evaluated.Count, "method evaluations");
        }));
        return cmd;
    }

    private static object IntervalsJson(IntervalEvaluationReport r, EvaluationReport? comparison) => new
    {
        method = r.Method, level = r.Level, elapsedSeconds = r.Elapsed.TotalSeconds,
        settings = r.Settings.Select(s => new
        {
            set = s.Set, givenModels = s.GivenModels, coverage = s.Coverage, meanWidth = s.MeanWidth, mae = s.Mae, testCells = s.TestCells,
            groups = s.Groups.Select(g => new { families = g.Families, mae = g.Mae, coverage = g.Coverage, meanWidth = g.MeanWidth }),
        }),
        comparison = comparison?.Settings.Select(s => new { set = s.Set, minModels = s.MinModels, methods = s.Methods.Select(m => new { name = m.Name, mae = m.Mae }) }),
    };

    private static IEnumerable<IRenderable> RenderIntervals(IntervalEvaluationReport r)
    {
        var t = new Table().Border(TableBorder.Simple).Title($"{r.Method}: {SkillsOutput.F(100 * r.Level, "G3")}% intervals on the leave-family-out protocol (n = given models per test family)");
        foreach (var c in new[] { "setting", "coverage", "mean width (pp)", "MAE (pp)", "test cells", "groups" }) t.AddColumn(c == "setting" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        foreach (var s in r.Settings.OrderBy(s => s.GivenModels))
            t.AddRow($"{s.Set}/n={s.GivenModels}", SkillsOutput.F(100 * s.Coverage, "F1") + "%", SkillsOutput.F(100 * s.MeanWidth, "F1"), SkillsOutput.F(100 * s.Mae), s.TestCells.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return t;
        yield return new Markup($"MAE: family-averaged, of the ensemble's median; coverage: test cells inside their interval, pooled. elapsed {r.Elapsed.TotalSeconds:F1} s\n");
    }

    private static string Label(SettingEvaluation s) => $"{s.Set}/n={s.TrainingModelsPerTestFamily}";

    private static IEnumerable<IRenderable> Render(EvaluationReport report)
    {
        var settings = report.Settings.OrderBy(s => s.MinModels).ToList();
        var t = new Table().Border(TableBorder.Simple).Title("Family-averaged MAE ×100 (leave-family-out; n = training models per test family)");
        t.AddColumn("method");
        foreach (var s in settings) t.AddColumn(new TableColumn(Label(s)).RightAligned());
        var names = settings[0].Methods.Select(m => m.Name).ToList();
        foreach (var name in names)
        {
            var cells = new List<string> { name };
            foreach (var s in settings)
            {
                var m = s.Methods.First(x => x.Name == name);
                var best = s.Methods.Where(x => double.IsFinite(x.Mae)).Select(x => x.Mae).DefaultIfEmpty(double.NaN).Min();
                var text = SkillsOutput.F(m.Mae) + (m.Failure is null ? "" : "!");
                cells.Add(m.Mae == best ? $"[bold]{text}[/]" : text);
            }
            t.AddRow(cells.ToArray());
        }
        yield return t;
        var info = string.Join("; ", settings.Select(s => $"{Label(s)}: {s.Models} models, {s.Families} families, {s.Groups.Count} test groups, {s.TestModels} test models"));
        yield return new Markup(Markup.Escape(info) + "\n");
        foreach (var s in settings)
            foreach (var m in s.Methods.Where(m => m.Failure is not null))
                yield return new Markup($"[red]failed[/] {Markup.Escape(m.Name)} ({Markup.Escape(Label(s))}): {Markup.Escape(m.Failure!)}\n");
        yield return new Markup($"elapsed {report.Elapsed.TotalSeconds:F1} s\n");
    }
}
