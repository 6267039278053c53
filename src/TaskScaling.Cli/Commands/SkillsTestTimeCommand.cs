using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data.Samples;
using TaskScaling.Skills.TestTime;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills test-time`: coverage of held-out models against the number of samples k (spec §8.2).</summary>
public static class SkillsTestTimeCommand
{
    public static Command Create()
    {
        var cmd = new Command("test-time", "Predict how held-out models' coverage grows with the number of samples k: latent skills, an item-response layer fitted on the other models' samples, coverage(k) beside the pass@k estimator.");
        var samples = new Option<string?>("--samples") { Description = "Sample file: CSV or JSON lines of model,problem,n,correct, or the monkey-business layout (MATH_<model>.json files with is_corrects; a folder of them)." };
        var held = new Option<string[]>("--held-out") { Description = "Models to predict (repeatable or comma-separated); left out of every fit.", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Models left out of the Sloth fit only (the paper: gemma-7b-it, meta-llama-3-70b).", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Sloth basic fits from seeds 0…N−1; the lowest training MAE is kept.", DefaultValueFactory = _ => 20 };
        var generate = new Option<string?>("--generate") { Description = "Write a sample CSV drawn from a known item-response model with the table's skills of the --held-out, --exclude and --models choice (128 problems × 10,000 samples, seed 42) instead of fitting." };
        var models = new Option<string[]>("--models") { Description = "With --generate: the models to draw samples for (default: the ten monkey-business models).", AllowMultipleArgumentsPerToken = true };
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in (Option[])[samples, held, exclude, seeds, generate, models, data, tables, format, outp]) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            int n = parse.GetValue(seeds);
            if (n < 1) throw new InvalidRequestException("--seeds must be at least 1");
            var request = new TestTimeRequest
            {
                Samples = new SampleFile("none", []), HeldOut = SkillsOutput.Split(parse.GetValue(held)), Exclude = SkillsOutput.Split(parse.GetValue(exclude)),
                SlothSeeds = Enumerable.Range(0, n).ToArray(),
            };
            if (parse.GetValue(generate) is { } genPath)
            {
                var list = SkillsOutput.Split(parse.GetValue(models));
                var table0 = SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), request.Set);
                var g = ProgressDisplay.Run("fits", p => TestTimeSampleGenerator.Generate(table0, request with { Progress = p }, list.Length > 0 ? list : MonkeyBusinessModels));
                CliOutput.WriteText(CliOutput.Csv(["model", "problem", "n", "correct"], g.Samples.Counts.Select(c => (IEnumerable<object?>)[c.Model, c.Problem, c.Samples, c.Correct])), genPath);
                return 0;
            }
            var path = parse.GetValue(samples) ?? throw new InvalidRequestException("give --samples FILE (or --generate FILE)");
            var file = SampleFileReader.Read(path);
            var table = SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), request.Set);
            var r = ProgressDisplay.Run("fits", p => TestTimeScaling.Run(table, request with { Samples = file, Progress = p }));
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(ToJson(r), CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv) CliOutput.WriteText(CliOutput.Csv(["model", "k", "predicted", "actual", "absoluteError"],
                r.Curves.SelectMany(c => c.Points.Select(p => (IEnumerable<object?>)[c.Model, p.K, p.Predicted, p.Estimated, p.Estimated is { } e ? Math.Abs(p.Predicted - e) : null]))), parse.GetValue(outp));
            else CliOutput.WriteRenderables(Render(r), parse.GetValue(outp));
            return 0;
        }));
        return cmd;
    }

    /// <summary>The ten models of the public monkey-business MATH release, by their data_v2 ids.</summary>
    public static readonly string[] MonkeyBusinessModels = ["meta-llama-3-8b-instruct", "meta-llama-3-8b", "meta-llama-3-70b-instruct", "gemma-2b", "gemma-7b",
        "pythia-160m", "pythia-410m", "pythia-2.8b", "pythia-6.9b", "pythia-12b"];

    internal static object ToJson(TestTimeResult r) => new
    {
        trainingModels = r.TrainingModels, problems = r.Problems, slothTrainingModels = r.SlothTrainingModels, slothTrainingMae = r.SlothTrainingMae,
        slothSeed = r.SlothSeed, weightDecay = r.WeightDecay,
        validation = r.Validation.Select(v => new { weightDecay = v.WeightDecay, loss = v.ValidationLoss }),
        curves = r.Curves.Select(c => new
        {
            model = c.Model, skills = c.Skills, problems = c.Problems,
            points = c.Points.Select(p => new { k = p.K, predicted = p.Predicted, actual = p.Estimated, absoluteError = p.Estimated is { } e ? Math.Abs(p.Predicted - e) : (double?)null }),
        }),
    };

    private static IEnumerable<IRenderable> Render(TestTimeResult r)
    {
        yield return new Markup(Markup.Escape(
            $"item-response layer on {r.TrainingModels.Count} models × {r.Problems} problems (skills: Sloth basic on {r.SlothTrainingModels} models, seed {r.SlothSeed}, training MAE {SkillsOutput.F(100 * r.SlothTrainingMae)} pp)\n" +
            $"weight decay {r.WeightDecay.ToString("G3", CultureInfo.InvariantCulture)} (validation BCE " + string.Join(", ", r.Validation.Select(v => $"{v.WeightDecay.ToString("G3", CultureInfo.InvariantCulture)}: {SkillsOutput.F(v.ValidationLoss, "F4")}")) + ")\n"));
        foreach (var c in r.Curves)
        {
            var t = new Table().Border(TableBorder.Simple).Title(Markup.Escape(c.Model));
            foreach (var h in new[] { "k", "predicted", "pass@k estimate", "error" }) t.AddColumn(new TableColumn(h).RightAligned());
            foreach (var p in c.Points)
                t.AddRow(p.K.ToString(CultureInfo.InvariantCulture), SkillsOutput.F(100 * p.Predicted, "F1"), p.Estimated is { } e ? SkillsOutput.F(100 * e, "F1") : "–",
                    p.Estimated is { } e2 ? SkillsOutput.F(100 * (p.Predicted - e2), "F1") : "–");
            yield return t;
        }
        yield return new Markup("coverage in points (×100)\n");
    }
}
