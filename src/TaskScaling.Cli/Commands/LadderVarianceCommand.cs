using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Ladder;
using static TaskScaling.Cli.CliOutput;
using static TaskScaling.Cli.Commands.LadderOutput;

namespace TaskScaling.Cli.Commands;

/// <summary>`ladder variance`: one call to <see cref="VarianceAnalysis.Run"/>.</summary>
internal static class LadderVarianceCommand
{
    public static Command Create()
    {
        var o = new LadderOptions();
        var run = new Option<string?>("--run") { Description = "Ladder run to examine (default: 1.3B-10xC for the paper ladder)." };
        var checkpoints = new Option<int>("--checkpoints") { Description = "How many last checkpoints.", DefaultValueFactory = _ => 10 };
        var target = new Option<string?>("--target") { Description = "Target whose prediction errors are shown beside the noise (default: 7B-4T for the paper ladder)." };
        var cmd = new Command("variance", "Noise of each task over the last checkpoints of a ladder run (SD, coefficient of variation), beside the target's prediction errors.");
        foreach (var opt in new Option[] { o.Ladder, o.Data, run, o.Tasks, checkpoints, target, o.Format, o.Out }) cmd.Options.Add(opt);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var tasks = (parse.GetValue(o.Tasks) is { } given ? SplitList(given) : null);
            var report = VarianceAnalysis.Run(o.Description(parse), new VarianceRequest
            {
                Run = parse.GetValue(run), Tasks = tasks is { Length: > 0 } ? tasks : null,
                Checkpoints = parse.GetValue(checkpoints), Target = parse.GetValue(target),
            });
            var outPath = parse.GetValue(o.Out);
            switch (parse.GetValue(o.Format))
            {
                case OutputFormat.Json: WriteText(JsonSerializer.Serialize(report, Json) + "\n", outPath); break;
                case OutputFormat.Csv:
                    WriteText(Csv(
                        ["task", "lossMean", "lossSd", "lossCv", "accuracyMean", "accuracySd", "accuracyCv", "step1RelativeError", "step2RelativeError", "chainedRelativeError"],
                        report.Tasks.Select(t => new object?[] { t.Task, t.LossMean, t.LossSd, t.LossCv, t.AccuracyMean, t.AccuracySd, t.AccuracyCv, t.Step1RelativeError, t.Step2RelativeError, t.ChainedRelativeError })),
                        outPath);
                    break;
                default: WriteRenderables(Render(report), outPath); break;
            }
            return CliRunner.Outcome(report.Tasks.Where(t => t.Status == PredictionStatus.Failed).Select(t => t.Task).ToList(),
                report.Tasks.Count, $"tasks' predictions at {report.Target}");
        }));
        return cmd;
    }

    private static IEnumerable<IRenderable> Render(VarianceReport r)
    {
        yield return new Text($"Last {r.Checkpoints} checkpoints of {r.Run} (raw; population SD), sorted by loss SD; errors at {r.Target ?? "–"}\n");
        var t = new Table().Border(TableBorder.Rounded);
        t.AddColumns("Task", "Loss SD", "Loss CV", "Acc SD\n(pts)", "Acc CV", "Step-1\nerr", "Step-2\nerr", "Chained\nerr");
        foreach (var k in r.Tasks)
            LadderPredictCommand.AddRow(t, k.DisplayName ?? k.Task, F(k.LossSd, "F4"), Percent(k.LossCv), F(100 * k.AccuracySd, "F2"), Percent(k.AccuracyCv),
                Percent(k.Step1RelativeError, signed: true), Percent(k.Step2RelativeError, signed: true), Percent(k.ChainedRelativeError));
        t.Caption("errors: step 1 and step 2 signed, chained absolute (relative to the actual)");
        yield return t;
        yield return new Text("\n");
    }
}
