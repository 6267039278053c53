using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills predict`: scores of a model of a family in the table (or of every row of --targets), with calibrated
/// intervals. JSON is always <c>{"targets": [ … ]}</c>, one object per target, whatever their number.</summary>
public static class SkillsPredictCommand
{
    public static Command Create()
    {
        var cmd = new Command("predict", "Predict every benchmark for a model of a family, with an interval: an ensemble of fits over seeds on all complete-case models of the table, calibrated by leave-family-out on the other families (or from a saved model, --model).");
        var model = new Option<string?>("--model") { Description = "A model saved by `skills fit --out FILE`: predict from it alone (no table is read, nothing is fitted, no interval)." };
        var family = new Option<string>("--family") { Description = "Family (Family2 column), e.g. meta-llama-3. Required with --params and --tokens unless --targets is given." };
        var size = CountOptions.Create("--params", "Parameters", "70B");
        var tokens = CountOptions.Create("--tokens", "Pre-training tokens", "15T");
        var targets = new Option<string?>("--targets") { Description = "Many models at once: a CSV with the columns family, params, tokens (counts as --params/--tokens take them), instead of --family/--params/--tokens; one output for all." };
        var d = new Option<int>("--d") { Description = "Skills of sloth and sloth-basic; principal components of pca-flops.", DefaultValueFactory = _ => 3 };
        var iv = new SkillsIntervalOptions();
        var (method, seeds, level) = (iv.Method, iv.Seeds, iv.Level);
        var set = new Option<string>("--set") { Description = "Benchmark set: v1, v2 or all.", DefaultValueFactory = _ => "all" };
        var benchmarks = SkillsOutput.BenchmarksOption();
        var link = new Option<LinkKind>("--link") { Description = "With --model: monotone (Sloth) or sigmoid (Sloth basic), default monotone when the model has it. Without: sigmoid is --method sloth-basic.", DefaultValueFactory = _ => LinkKind.Monotone };
        var save = new Option<string?>("--save") { Description = "Save the ensemble (sloth or sloth-basic) as a model file: `skills predict --model FILE` then gives the same medians and intervals without the table." };
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in (Option[])[family, size, tokens, targets, model, d, .. iv.All, set, benchmarks, link, save, data, tables, format, outp]) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            IReadOnlyList<SkillsTarget> wanted;
            if (parse.GetValue(targets) is { } targetsPath)
            {
                SkillsOutput.RejectWith(parse, "--targets (the file gives every family, params and tokens)", family, size, tokens, save);
                wanted = SkillsTargetsFile.Read(targetsPath);
            }
            else
            {
                foreach (var o in (Option[])[family, size, tokens])
                    if (parse.GetResult(o) is null) throw new InvalidRequestException($"{o.Name} is required (or --targets FILE for many models)");
                wanted = [new SkillsTarget(parse.GetValue(family)!, CountOptions.Billions(parse.GetValue(size))!.Value, CountOptions.Trillions(parse.GetValue(tokens))!.Value)];
            }
            IReadOnlyList<PredictionReport> reports;
            if (parse.GetValue(model) is { } modelPath)
            {
                // The saved model fixes the data, the benchmarks, the method and the number of skills.
                SkillsOutput.RejectWith(parse, "--model (the saved model fixes the data, benchmarks, method and skills)", d, set, benchmarks, tables, data, method, seeds, iv.Threads, save);
                var saved = SkillModelFile.Read(modelPath).Payload;
                LinkKind? chosen = parse.GetResult(link) is { Implicit: false } ? parse.GetValue(link) : null;
                reports = wanted.Select(t => SkillsPrediction.Predict(saved, t.Family, t.Parameters, t.Tokens, chosen, parse.GetValue(level))).ToList();
            }
            else
            {
                int skills = parse.GetValue(d);
                if (skills < 1) throw new InvalidRequestException("--d must be at least 1");
                int? nThreads = iv.ThreadsOf(parse);
                var chosen = parse.GetResult(method) is { Implicit: false } || parse.GetResult(link) is not { Implicit: false }
                    ? SkillsMethods.Parse(parse.GetValue(method)!)
                    : parse.GetValue(link) == LinkKind.Sigmoid ? SkillsMethod.SlothBasic : SkillsMethod.Sloth;
                if (parse.GetValue(save) is not null && chosen is not (SkillsMethod.Sloth or SkillsMethod.SlothBasic))
                    throw new InvalidRequestException($"--save keeps sloth and sloth-basic ensembles, not {SkillsMethods.Name(chosen)}");
                var subset = SkillsOutput.Chosen(parse, benchmarks, set);
                var table = subset is null
                    ? SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), parse.GetValue(set) ?? "all")
                    : SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), subset, "--benchmarks");
                var request = new SkillsPredictionRequest
                {
                    Family = wanted[0].Family, Parameters = wanted[0].Parameters, Tokens = wanted[0].Tokens,
                    Skills = skills, Set = parse.GetValue(set) ?? "all", Benchmarks = subset, Method = chosen, Members = parse.GetValue(seeds),
                    Level = parse.GetValue(level), Parallelism = nThreads,
                };
                reports = ProgressDisplay.Run("fits", p => SkillsPrediction.Predict(table, request with { Progress = p }, wanted));
                if (parse.GetValue(save) is { } savePath)
                {
                    SkillModelFile.Write(savePath, reports[0].Model!, SkillsOutput.InputPaths(parse.GetValue(data), parse.GetValue(tables)));
                }
            }
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(new { targets = reports.Select(ToJson) }, CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv) CliOutput.WriteText(ToCsv(reports), parse.GetValue(outp));
            else CliOutput.WriteRenderables(reports.SelectMany((r, k) => k == 0 ? Render(r) : [new Markup("\n"), .. Render(r)]), parse.GetValue(outp));
            return 0;
        }));
        return cmd;
    }

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    // One row per target and benchmark; params and tokens raw counts, as in the JSON.
    private static string ToCsv(IReadOnlyList<PredictionReport> reports) =>
        CsvWriter.ToText(["family", "params", "tokens", "benchmark", "score", "lower", "upper", "actual"], reports.SelectMany(r => r.Predictions.Select(p =>
            (IEnumerable<object?>)[r.Family, R(r.Parameters * 1e9), R(r.Tokens * 1e12), p.Benchmark, R(p.Score), R(p.Lower), R(p.Upper), R(p.Actual)])));

    private static object ToJson(PredictionReport r) => new
    {
        family = r.Family, @params = r.Parameters * 1e9, tokens = r.Tokens * 1e12, method = r.Method, design = r.Design,
        level = double.IsNaN(r.Level) ? (double?)null : r.Level, inTable = r.InTable,
        familyModels = r.FamilyModels, trainingModels = r.TrainingModels, trainingMae = r.TrainingMae, link = r.Link,
        predictions = r.Predictions.Select(p => new { benchmark = p.Benchmark, score = p.Score, lower = p.Lower, upper = p.Upper, actual = p.Actual }),
        calibration = r.Calibration is { } c ? new
        {
            givenModels = c.GivenModels, families = c.Families, quantile = c.Quantile(r.Level),
            scale = c.Benchmarks.Select((b, j) => (b, j)).ToDictionary(t => t.b, t => c.Scale(t.j)),
        } : null,
        weights = r.Weights?.ToDictionary(kv => SkillsMethods.Name(kv.Key), kv => kv.Value),
        members = r.Members.Count == 0 ? null : r.Members.Select(m => new { seed = m.Seed, heldOutFamilies = m.HeldOutFamilies, trainingMae = m.TrainingMae, scores = m.Predictions[0] }),
    };

    private static IEnumerable<IRenderable> Render(PredictionReport r)
    {
        string how = r.Members.Count > 0
            ? $"{r.Method}, median of {r.Members.Count} fits (seeds {r.Members[0].Seed}–{r.Members[^1].Seed}) on {r.TrainingModels} models, training MAE {SkillsOutput.F(100 * r.TrainingMae, "F2")} pp"
            : $"{r.Method} from a saved model ({r.TrainingModels} training models, training MAE {SkillsOutput.F(100 * r.TrainingMae, "F2")} pp; one fit, no interval: save an ensemble with `skills predict --save`)";
        yield return new Markup(Markup.Escape(
            $"{r.Family}, {SkillsOutput.F(r.Parameters, "G4")}B parameters, {SkillsOutput.F(r.Tokens, "G4")}T tokens — family learned from {string.Join(", ", r.FamilyModels)}\n" +
            $"{how}; design: {r.Design}\n" +
            (r.Calibration is { } c ? $"{SkillsOutput.F(100 * r.Level, "G3")}% intervals: ensemble spread and leave-family-out errors of {c.Families.Count} training families with {c.GivenModels} given model(s)\n" : "") +
            (r.Weights is { } w ? "weights: " + string.Join(", ", w.Select(kv => $"{SkillsMethods.Name(kv.Key)} {SkillsOutput.F(kv.Value, "F2")}")) + "\n" : "") +
            (r.InTable is { } m ? $"note: {m} is in the table with these parameters and tokens: the fit saw its scores (in-sample); `skills backtest` predicts a family's larger models from its smaller ones\n" : "")));
        var t = new Table().Border(TableBorder.Simple);
        t.AddColumn("benchmark"); t.AddColumn(new TableColumn("predicted").RightAligned());
        bool intervals = r.Predictions.Any(p => p.Lower is not null), actual = r.Predictions.Any(p => p.Actual is not null);
        if (intervals) { t.AddColumn(new TableColumn("lower").RightAligned()); t.AddColumn(new TableColumn("upper").RightAligned()); }
        if (actual) t.AddColumn(new TableColumn("actual (in-sample)").RightAligned());
        static string P(double? v) => v is { } x ? SkillsOutput.F(100 * x, "F1") : "–";
        foreach (var p in r.Predictions)
        {
            var cells = new List<string> { p.Benchmark, P(p.Score) };
            if (intervals) { cells.Add(P(p.Lower)); cells.Add(P(p.Upper)); }
            if (actual) cells.Add(P(p.Actual));
            t.AddRow(cells.ToArray());
        }
        yield return t;
        yield return new Markup("scores in points (×100)\n");
    }
}
