using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Data.Samples;
using TaskScaling.Skills;
using TaskScaling.Skills.Downstream;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills downstream`: a task outside the table predicted from the latent skills (spec §8.1), beside the PCA comparison.</summary>
public static class SkillsDownstreamCommand
{
    public static Command Create()
    {
        var cmd = new Command("downstream", "Predict a task that is not fitted (a table column such as HumanEval, or a CSV of model,score) from the latent skills of Sloth basic, with a bootstrap interval, beside the same fit on principal components.");
        var benchmark = new Option<string?>("--benchmark") { Description = "A column of the table holding the task's scores, e.g. HumanEval." };
        var scores = new Option<string?>("--scores") { Description = "A CSV of model,score (fractions) for a task not in the table; `--scores eq-bench` uses the shipped EQ-Bench scores." };
        var target = new Option<string[]>("--target") { Description = "A table model to predict (repeatable or comma-separated); every target is left out of every fit.", AllowMultipleArgumentsPerToken = true };
        var family = new Option<string?>("--family") { Description = "A new model's family (Family2), with --params and --tokens." };
        var size = CountOptions.Create("--params", "New model: parameters", "70B");
        var tokens = CountOptions.Create("--tokens", "New model: pre-training tokens", "15T");
        var d = new Option<int>("--d") { Description = "Latent skills (and principal components of the comparison).", DefaultValueFactory = _ => 3 };
        var set = new Option<string>("--set") { Description = "Benchmarks of the Sloth fit: interpretation (the 12 of v1+v2 in the reference notebook's order), all, v1 or v2.", DefaultValueFactory = _ => "interpretation" };
        var seed = new Option<int>("--seed") { Description = "Seed of the fits.", DefaultValueFactory = _ => 42 };
        var boot = new Option<int>("--bootstrap") { Description = "Bootstrap resamples of the interval (0: none).", DefaultValueFactory = _ => 200 };
        var level = new Option<double>("--level") { Description = "Coverage level of the interval.", DefaultValueFactory = _ => 0.9 };
        var rot = new Option<int?>("--rotation-iterations") { Description = "Cap of the geomin rotation (default: to convergence; 500 is the released code's cap)." };
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in (Option[])[benchmark, scores, target, family, size, tokens, d, set, seed, boot, level, rot, data, tables, format, outp]) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            string? bench = parse.GetValue(benchmark), scoresPath = parse.GetValue(scores);
            IReadOnlyList<ModelScore>? given = scoresPath is null ? null
                : scoresPath == "eq-bench" && !File.Exists(scoresPath) ? EqBench.Scores : ModelScoresReader.Read(scoresPath);
            var setName = parse.GetValue(set) ?? "interpretation";
            var columns = LeaderboardColumns.Default with { Benchmarks = [.. BenchmarkSets.ByName(setName).Concat(bench is null ? [] : [bench]).Distinct()] };
            var paths = SkillsOutput.InputPaths(parse.GetValue(data), parse.GetValue(tables));
            var table = paths.Length == 1 ? LeaderboardReader.Read(paths[0], columns) : LeaderboardTable.Concat(paths.Select(p => LeaderboardReader.Read(p, columns)).ToArray());
            var request = new DownstreamRequest
            {
                Benchmark = bench, Scores = given, ScoresSource = scoresPath ?? "scores",
                Task = bench ?? (scoresPath == "eq-bench" ? "EQ-Bench" : Path.GetFileNameWithoutExtension(scoresPath)),
                Targets = SkillsOutput.Split(parse.GetValue(target)), Family = parse.GetValue(family), Parameters = CountOptions.Billions(parse.GetValue(size)), Tokens = CountOptions.Trillions(parse.GetValue(tokens)),
                Set = setName, Skills = parse.GetValue(d), Seed = parse.GetValue(seed), Resamples = parse.GetValue(boot), Level = parse.GetValue(level),
            };
            if (parse.GetValue(rot) is { } r) request = request with { RotationMaxIterations = r > 0 ? r : throw new InvalidRequestException("--rotation-iterations must be at least 1") };
            var result = ProgressDisplay.Run("fits", p => DownstreamPrediction.Predict(table, request with { Progress = p }));
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(ToJson(result), CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv) CliOutput.WriteText(ToCsv(result), parse.GetValue(outp));
            else CliOutput.WriteRenderables(Render(result), parse.GetValue(outp));
            return 0;
        }));
        return cmd;
    }

    private static object Layer(DownstreamSide s) => new
    {
        features = s.Features, weights = s.Layer.Weights, intercept = s.Layer.Intercept, loading = s.Layer.Loading, bias = s.Layer.Bias,
        trainingMae = s.Layer.TrainingMae, learningRate = s.Layer.LearningRate, trainingModels = s.Training.Count,
        training = s.Training.Select(p => new { model = p.Model, actual = p.Actual, predicted = p.Predicted, index = p.Index }),
    };

    private static object Target(DownstreamTarget t) => new
    {
        model = t.Model, family = t.Family, @params = t.Parameters * 1e9, tokens = t.Tokens * 1e12, skills = t.Skills,
        predicted = t.Predicted, lower = t.Lower, upper = t.Upper, actual = t.Actual,
        absoluteError = t.Actual is { } a ? Math.Abs(t.Predicted - a) : (double?)null,
        pcaPredicted = t.PcaPredicted, pcaLower = t.PcaLower, pcaUpper = t.PcaUpper,
        pcaAbsoluteError = t.Actual is { } b && t.PcaPredicted is { } p ? Math.Abs(p - b) : (double?)null,
    };

    internal static object ToJson(DownstreamResult r) => new
    {
        task = r.Task, benchmarks = r.Benchmarks, skills = r.Skills, seed = r.Seed, slothTrainingModels = r.SlothTrainingModels,
        slothTrainingMae = r.SlothTrainingMae, level = r.Level, resamples = r.Resamples,
        targets = r.Targets.Select(Target), sloth = Layer(r.Sloth), pca = Layer(r.Pca),
        skipped = r.Skipped.Select(s => new { model = s.Model, reason = s.Reason }),
    };

    private static string ToCsv(DownstreamResult r) => CliOutput.Csv(
        ["model", "family", "params", "tokens", "predicted", "lower", "upper", "actual", "absoluteError", "pcaPredicted", "pcaLower", "pcaUpper", "pcaAbsoluteError"],
        r.Targets.Select(t => (IEnumerable<object?>)[t.Model, t.Family, t.Parameters * 1e9, t.Tokens * 1e12, t.Predicted, t.Lower, t.Upper, t.Actual,
            t.Actual is { } a ? Math.Abs(t.Predicted - a) : null, t.PcaPredicted, t.PcaLower, t.PcaUpper,
            t.Actual is { } b && t.PcaPredicted is { } p ? Math.Abs(p - b) : null]));

    private static IEnumerable<IRenderable> Render(DownstreamResult r)
    {
        static string P(double? v) => v is { } x ? SkillsOutput.F(100 * x, "F1") : "–";
        yield return new Markup(Markup.Escape(
            $"{r.Task} from {r.Skills} latent skills: Sloth basic on {r.SlothTrainingModels} models (training MAE {SkillsOutput.F(100 * r.SlothTrainingMae)} pp, seed {r.Seed}); " +
            $"downstream layer on {r.Sloth.Training.Count} models with a score (training MAE {SkillsOutput.F(100 * r.Sloth.Layer.TrainingMae)} pp, loading w {SkillsOutput.F(r.Sloth.Layer.Loading, "F3")})\n" +
            $"comparison: the same layer on the first {r.Skills} principal components of the training rows (training MAE {SkillsOutput.F(100 * r.Pca.Layer.TrainingMae)} pp)\n" +
            (r.Resamples > 0 ? $"{SkillsOutput.F(100 * r.Level, "G3")}% intervals: {r.Resamples} bootstrap resamples of the training models with out-of-bag residuals\n" : "")));
        var t = new Table().Border(TableBorder.Simple);
        foreach (var c in new[] { "model", "predicted", "lower", "upper", "actual", "PCA", "PCA lower", "PCA upper" }) t.AddColumn(new TableColumn(c));
        foreach (var x in r.Targets) t.AddRow(x.Model, P(x.Predicted), P(x.Lower), P(x.Upper), P(x.Actual), P(x.PcaPredicted), P(x.PcaLower), P(x.PcaUpper));
        yield return t;
        yield return new Markup($"scores in points (×100); {r.Skipped.Count} model(s) with a score were not used (see --format json)\n");
    }
}
