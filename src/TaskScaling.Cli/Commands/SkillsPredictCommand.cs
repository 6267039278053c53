using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills predict`: scores of a model not in the table, from its family's rows.</summary>
public static class SkillsPredictCommand
{
    public static Command Create()
    {
        var cmd = new Command("predict", "Predict every benchmark for a new model of a family: from a saved model (--model), or by fitting Sloth on all complete-case models of the table.");
        var model = new Option<string?>("--model") { Description = "A model saved by `skills fit --out FILE`: predict from it alone (no table is read, nothing is fitted)." };
        var family = new Option<string>("--family") { Description = "Family (Family2 column), e.g. meta-llama-3.", Required = true };
        var size = new Option<double>("--params") { Description = "Parameters, billions.", Required = true };
        var tokens = new Option<double>("--tokens") { Description = "Pre-training tokens, trillions.", Required = true };
        var d = new Option<int>("--d") { Description = "Number of skills.", DefaultValueFactory = _ => 3 };
        var set = new Option<string>("--set") { Description = "Benchmark set: v1, v2 or all.", DefaultValueFactory = _ => "all" };
        var link = new Option<LinkKind>("--link") { Description = "monotone (Sloth) or sigmoid (Sloth basic); with --model, default: monotone when the model has it.", DefaultValueFactory = _ => LinkKind.Monotone };
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        foreach (var o in new Option[] { family, size, tokens, model, d, set, link, data, tables, format, outp }) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            PredictionReport r;
            if (parse.GetValue(model) is { } modelPath)
            {
                // The saved model fixes the data, the benchmarks and the number of skills.
                SkillsOutput.RejectWith(parse, "--model (the saved model fixes the data, benchmarks and skills)", d, set, tables, data);
                var saved = SkillModelFile.Read(modelPath).Payload;
                LinkKind? chosen = parse.GetResult(link) is { Implicit: false } ? parse.GetValue(link) : null;
                r = SkillsPrediction.Predict(saved, parse.GetValue(family)!, parse.GetValue(size), parse.GetValue(tokens), chosen);
            }
            else
            {
                int skills = parse.GetValue(d);
                if (skills < 1) throw new InvalidRequestException("--d must be at least 1");
                var table = SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), parse.GetValue(set) ?? "all");
                r = SkillsPrediction.Predict(table, new SkillsPredictionRequest
                {
                    Family = parse.GetValue(family)!, Parameters = parse.GetValue(size), Tokens = parse.GetValue(tokens),
                    Skills = skills, Set = parse.GetValue(set) ?? "all", Link = parse.GetValue(link),
                });
            }
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Json) CliOutput.WriteText(JsonSerializer.Serialize(r, CliOutput.Json) + Environment.NewLine, parse.GetValue(outp));
            else if (fmt == OutputFormat.Csv)
                CliOutput.WriteText(CsvWriter.ToText(["benchmark", "score"], r.Predictions.Select(p =>
                    (IEnumerable<object?>)[p.Benchmark, p.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)])), parse.GetValue(outp));
            else CliOutput.WriteRenderables(Render(r), parse.GetValue(outp));
            return 0;
        }));
        return cmd;
    }

    private static IEnumerable<IRenderable> Render(PredictionReport r)
    {
        yield return new Markup(Markup.Escape(
            $"{r.Family}, {SkillsOutput.F(r.Parameters, "G4")}B parameters, {SkillsOutput.F(r.Tokens, "G4")}T tokens — family learned from {string.Join(", ", r.FamilyModels)}; " +
            $"{(r.Link is { } l ? (l == LinkKind.Monotone ? "Sloth" : "Sloth basic") + " " : "")}fit on {r.TrainingModels} models, training MAE {SkillsOutput.F(100 * r.TrainingMae, "F2")} pp\n"));
        var t = new Table().Border(TableBorder.Simple);
        t.AddColumn("benchmark"); t.AddColumn(new TableColumn("predicted score").RightAligned());
        foreach (var p in r.Predictions) t.AddRow(p.Benchmark, SkillsOutput.F(p.Score, "F3"));
        yield return t;
    }
}
