using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills fit` and `skills interpret`: one fit on every complete-case model, read through §4.</summary>
public static class SkillsFitCommand
{
    public static Command Create(string name, string description, bool monotone)
    {
        var cmd = new Command(name, description);
        var d = new Option<int>("--d") { Description = "Number of skills (1–4 typical).", DefaultValueFactory = _ => 3 };
        var set = new Option<string>("--set") { Description = "Benchmark set: v1, v2, all (v1 then v2) or interpretation (the same 12 in the reference notebook's order, so that seed 42 starts from the reference's initial values).", DefaultValueFactory = _ => "interpretation" };
        var seeds = new Option<int[]>("--seeds") { Description = "Seeds for stage 1; the lowest training MAE is kept (default 42; the paper used 0–19).", AllowMultipleArgumentsPerToken = true };
        var benchmarks = SkillsOutput.BenchmarksOption();
        var data = CommonOptions.Data(); var tables = SkillsOutput.TableOption(); var format = CommonOptions.Format(); var outp = CommonOptions.Out();
        // `fit --out FILE` saves the model (read back by `skills predict --model FILE`); the summary goes to standard output.
        bool saves = monotone;
        outp.InfersFormat = !saves;
        if (saves) outp.Description = "Save the fitted model to this JSON file (versioned, checksummed; written whole or not at all), for `skills predict --model`. The summary is printed to standard output.";
        foreach (var o in new Option[] { d, set, benchmarks, seeds, data, tables, format, outp }) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            int skills = parse.GetValue(d);
            if (skills < 1) throw new InvalidRequestException("--d must be at least 1");
            var s = parse.GetValue(seeds);
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Csv) throw new InvalidRequestException("--format csv is not available for this command (use table or json)");
            // Fail before the (long) fit when the output cannot be written.
            if (parse.GetValue(outp) is { } target && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(target))))
                throw new DataFormatException(target, null, null, "cannot write: the folder does not exist");
            var chosen = SkillsOutput.Chosen(parse, benchmarks, set);
            var table = chosen is null
                ? SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), parse.GetValue(set) ?? "interpretation")
                : SkillsOutput.Load(parse.GetValue(data), parse.GetValue(tables), chosen, "--benchmarks");
            var request = new SkillsFitRequest
            {
                Set = parse.GetValue(set) ?? "interpretation", Benchmarks = chosen, Skills = skills, Monotone = monotone,
                Seeds = s is { Length: > 0 } ? s : [42],
            };
            var report = ProgressDisplay.Run("optimiser runs", p => SkillsFit.Run(table, request with { Progress = p }));
            var output = parse.GetValue(outp);
            string? savedTo = null;
            if (saves && output is not null)
            {
                SkillModelFile.Write(output, report.ToModel(), SkillsOutput.InputPaths(parse.GetValue(data), parse.GetValue(tables)));
                (savedTo, output) = (output, null);
            }
            if (fmt == OutputFormat.Json) CliOutput.WriteText(ToJson(report), output);
            else CliOutput.WriteRenderables(Render(report, savedTo), output);
            return 0;
        }));
        return cmd;
    }

    private static IEnumerable<IRenderable> Render(SkillsFitReport r, string? savedTo)
    {
        if (savedTo is not null) yield return new Markup(Markup.Escape($"model saved to {savedTo} (predict with `taskscaling skills predict --model {savedTo} --family NAME --params 70B --tokens 15T`)\n"));
        var it = r.Interpretation;
        int d = it.SkillCount;
        yield return new Markup(Markup.Escape(
            $"{r.Models.Count} complete-case models, {r.Families.Count} families, {r.Benchmarks.Count} benchmarks, d = {d}, seed {r.Seed}\n" +
            $"Sloth basic (sigmoid link): training MAE {SkillsOutput.F(100 * r.Sigmoid.TrainingMae, "F3")} pp " +
            $"({r.Sigmoid.Iterations} iterations, {r.SigmoidTime.TotalSeconds:F2} s)\n" +
            (r.Monotone is { } m ? $"Sloth (monotone network link): training MAE {SkillsOutput.F(100 * m.TrainingMae, "F3")} pp ({m.Iterations} iterations, {r.MonotoneTime.TotalSeconds:F2} s)\n" : "") +
            (it.Rotation is { } rot ? $"geomin rotation: {rot.Iterations} iterations, ‖Gp‖ = {rot.GradientNorm:E2}, {(rot.Converged ? "converged" : "not converged")}\n" : "")));
        var skillNames = Enumerable.Range(0, d).Select(k => $"skill {k + 1}").ToArray();
        var lt = new Table().Border(TableBorder.Simple).Title("Rotated loadings (benchmark × skill)");
        lt.AddColumn("benchmark");
        foreach (var n in skillNames) lt.AddColumn(new TableColumn(n).RightAligned());
        for (int j = 0; j < it.Benchmarks.Count; j++)
            lt.AddRow([it.Benchmarks[j], .. Enumerable.Range(0, d).Select(k => SkillsOutput.F(it.Loadings[j, k]))]);
        yield return lt;
        var ct = new Table().Border(TableBorder.Simple).Title("Skill correlations");
        ct.AddColumn("");
        foreach (var n in skillNames) ct.AddColumn(new TableColumn(n).RightAligned());
        for (int a = 0; a < d; a++) ct.AddRow([skillNames[a], .. Enumerable.Range(0, d).Select(b => SkillsOutput.F(it.Correlation[a, b]))]);
        yield return ct;
        var bt = new Table().Border(TableBorder.Simple).Title("Coefficients (slopes shared by all families)");
        bt.AddColumn("covariate");
        foreach (var n in skillNames) bt.AddColumn(new TableColumn(n).RightAligned());
        for (int a = 0; a < it.SlopeRows; a++) bt.AddRow([it.CoefficientNames[a], .. Enumerable.Range(0, d).Select(k => SkillsOutput.F(it.Coefficients[a, k], "F3"))]);
        yield return bt;
        var ft = new Table().Border(TableBorder.Simple).Title("Family intercepts (efficiency; rotated, before translation)");
        ft.AddColumn("family");
        foreach (var n in skillNames) ft.AddColumn(new TableColumn(n).RightAligned());
        for (int f = 0; f < it.Families.Count; f++)
            ft.AddRow([it.Families[f], .. Enumerable.Range(0, d).Select(k => SkillsOutput.F(it.Coefficients[it.SlopeRows + f, k], "F3"))]);
        yield return ft;
    }

    private static string ToJson(SkillsFitReport r)
    {
        var it = r.Interpretation;
        int d = it.SkillCount;
        double[] Row(double[,] m, int i) => Enumerable.Range(0, m.GetLength(1)).Select(k => m[i, k]).ToArray();
        var obj = new
        {
            models = r.Models.Count, families = r.Families.Count, benchmarks = r.Benchmarks, skills = d, seed = r.Seed,
            sigmoid = new { trainingMae = r.Sigmoid.TrainingMae, loss = r.Sigmoid.Loss, iterations = r.Sigmoid.Iterations, seconds = r.SigmoidTime.TotalSeconds },
            monotone = r.Monotone is { } m ? new { trainingMae = m.TrainingMae, loss = m.Loss, iterations = m.Iterations, seconds = r.MonotoneTime.TotalSeconds } : null,
            loadings = it.Benchmarks.Select((b, j) => (b, j)).ToDictionary(t => t.b, t => Row(it.Loadings, t.j)),
            correlation = Enumerable.Range(0, d).Select(a => Row(it.Correlation, a)).ToArray(),
            coefficients = Enumerable.Range(0, it.SlopeRows).ToDictionary(a => it.CoefficientNames[a], a => Row(it.Coefficients, a)),
            familyIntercepts = it.Families.Select((f, k) => (f, k)).ToDictionary(t => t.f, t => Row(it.Coefficients, it.SlopeRows + t.k)),
            rotation = it.Rotation is { } rot ? new { iterations = rot.Iterations, gradientNorm = rot.GradientNorm, converged = rot.Converged } : null,
        };
        return JsonSerializer.Serialize(obj, CliOutput.Json) + Environment.NewLine;
    }
}
