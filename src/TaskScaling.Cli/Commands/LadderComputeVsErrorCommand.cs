using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Ladder;
using static TaskScaling.Cli.CliOutput;
using static TaskScaling.Cli.Commands.LadderOutput;

namespace TaskScaling.Cli.Commands;

/// <summary>`ladder compute-vs-error`: one call to <see cref="ComputeVsError.Run"/>.</summary>
internal static class LadderComputeVsErrorCommand
{
    public static Command Create()
    {
        var o = new LadderOptions();
        var target = new Option<string?>("--target") { Description = "Target to measure errors on (default: 7B-4T for the paper ladder)." };
        var maxSubsets = new Option<int>("--max-subsets")
        {
            Description = "Subsets reported per series at most; a longer series keeps geometrically spaced steps (always the first and the whole ladder).",
            DefaultValueFactory = _ => new ComputeVsErrorRequest().MaxSubsetsPerSeries,
        };
        var cmd = new Command("compute-vs-error", "Prediction error versus the compute spent on the ladder: refit on growing subsets of ladder runs (by size, by multiple, by compute).");
        foreach (var opt in new Option[] { o.Ladder, o.Data, target, o.Tasks, maxSubsets, o.Format, o.Out }) cmd.Options.Add(opt);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var tasks = (parse.GetValue(o.Tasks) is { } given ? SplitList(given) : null);
            var report = LadderProgress.ComputeVsError(o.Description(parse), new ComputeVsErrorRequest
            {
                Target = parse.GetValue(target), Tasks = tasks is { Length: > 0 } ? tasks : null,
                MaxSubsetsPerSeries = parse.GetValue(maxSubsets),
            });
            var outPath = parse.GetValue(o.Out);
            switch (parse.GetValue(o.Format))
            {
                case OutputFormat.Json: WriteText(JsonSerializer.Serialize(report, Json) + "\n", outPath); break;
                case OutputFormat.Csv:
                    WriteText(Csv(
                        ["series", "step", "x", "totalCompute", "addedRunCompute", "runs", "task", "status", "step1Error", "step2Error", "chainedError", "message"],
                        report.Rows.Select(r => new object?[] { Series(r.Series), r.Step, r.X, r.TotalCompute, r.AddedRunCompute, string.Join(" ", r.Runs), r.Task, r.Status.ToString().ToLowerInvariant(), r.Step1Error, r.Step2Error, r.ChainedError, r.Message })),
                        outPath);
                    break;
                default: WriteRenderables(Render(report), outPath); break;
            }
            return CliRunner.Outcome(report.Rows.Where(r => r.Status == PredictionStatus.Failed).Select(Label).ToList(), report.Rows.Count, "subset fits");
        }));
        return cmd;
    }

    /// <summary>A row as "vary-n 2 mmlu" (series, step, task).</summary>
    internal static string Label(SubsetError r) => $"{Series(r.Series)} {r.Step} {r.Task}";

    private static string Series(SubsetSeries s) => s switch { SubsetSeries.VaryN => "vary-n", SubsetSeries.VaryXc => "vary-xc", _ => "vary-compute" };

    private static IEnumerable<IRenderable> Render(ComputeVsErrorReport r)
    {
        yield return new Text($"Absolute relative error at {r.Target} versus ladder subset (mean over tasks of each step). " +
                              "x: largest N, largest multiple, or the subset's TOTAL nominal compute Σ F·N·20·k.\n");
        var tasks = r.Rows.Select(x => x.Task).Distinct().ToArray();
        var t = new Table().Border(TableBorder.Rounded);
        t.AddColumns("#", "Series", "x", "Runs", "Mean\nstep-1", "Mean\nstep-2", "Mean\nchained");
        var perTask = new List<string[]>();
        foreach (var g in r.Rows.GroupBy(x => (x.Series, x.Step)))
        {
            var rows = g.ToArray();
            string Mean(Func<SubsetError, double?> f) => rows.All(x => f(x) is not null) ? Percent(rows.Average(x => f(x)!.Value)) : "–";
            var x = g.Key.Series switch
            {
                SubsetSeries.VaryN => "N ≤ " + Big(rows[0].X),
                SubsetSeries.VaryXc => $"k ≤ {rows[0].X:0}",
                _ => "C = " + rows[0].X.ToString("0.00e+0", System.Globalization.CultureInfo.InvariantCulture),
            };
            var number = (perTask.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            LadderPredictCommand.AddRow(t, [number, Series(g.Key.Series), x, rows[0].Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Mean(e => e.Step1Error), Mean(e => e.Step2Error), Mean(e => e.ChainedError)]);
            perTask.Add([number, .. tasks.Select(task => rows.Single(e => e.Task == task) is { } e ? (e.Status == PredictionStatus.Failed ? "failed" : Percent(e.ChainedError)) : "–")]);
        }
        yield return t;
        // The tasks' columns in tables of their own, rows numbered as above: side by side they would not fit a terminal.
        yield return new Text("\nChained error per task (rows numbered as above):\n");
        foreach (var table in NarrowTables.Split("#", tasks, perTask)) yield return table;
        yield return new Text("\n");
    }
}
