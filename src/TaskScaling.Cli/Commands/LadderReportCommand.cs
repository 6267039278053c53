using System.CommandLine;
using TaskScaling.Ladder;
using TaskScaling.Reports.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `ladder report`: the ladder's figures and predictions as a self-contained HTML report in a folder
/// (index.html, every figure as SVG and PNG, report.json). <see cref="LadderStudy.Run"/> computes, <see cref="LadderReport.Write"/> draws.
/// </summary>
public static class LadderReportCommand
{
    public static Command Create()
    {
        var o = new LadderOptions();
        var outDir = new Option<string>("--out")
        {
            Description = "The report folder (written whole or not at all): new, or empty, or an earlier report with --force. Never the working folder or one above it, nor a symbolic link.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace an earlier TaskScaling report in --out (recognised by its report.json). A folder holding anything else is refused, --force or not." };
        var noAnalyses = new Option<bool>("--no-analyses") { Description = "Skip the backtest and the compute-vs-error and variance analyses (faster)." };
        var cmd = new Command("report", "Write an HTML report with the figures of every step (step 1, step 2, chained, backtest, error vs compute, variance) for the target(s), with each task's predictability.");
        foreach (var opt in new Option[] { o.Ladder, o.Data, o.Target, o.Params, o.Tokens, o.Tasks, o.Feature, o.Interval, o.Level, o.Resamples, o.Seed, o.MovingAverage, o.Skip })
            cmd.Options.Add(opt);
        cmd.Options.Add(outDir);
        cmd.Options.Add(force);
        cmd.Options.Add(noAnalyses);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var dir = parse.GetValue(outDir)!;
            bool f = parse.GetValue(force);
            TaskScaling.Reports.ReportFolder.Check(dir, f);
            var description = o.Description(parse);
            var study = LadderProgress.Study(description, o.Request(parse), analyses: !parse.GetValue(noAnalyses));
            var result = LadderReport.Write(new LadderReportInput
            {
                Description = description,
                Study = study,
                Command = "taskscaling " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1)),
                DataFolder = parse.GetValue(o.Ladder) is null ? DataLocation.Resolve(parse.GetValue(o.Data)) : null,
            }, dir, f);
            Console.Out.WriteLine($"wrote {Path.Combine(result.Folder, "index.html")} ({result.Figures.Count} figures)");
            var tasks = study.Prediction.Targets.SelectMany(t => t.Tasks.Select(k => (t.Target, k))).ToList();
            var failed = tasks.Where(x => x.k.Status == PredictionStatus.Failed).Select(x => $"{x.Target}/{x.k.Task}")
                .Concat(study.ComputeVsError?.Rows.Where(r => r.Status == PredictionStatus.Failed).Select(r => "compute-vs-error " + LadderComputeVsErrorCommand.Label(r)) ?? [])
                .ToList();
            return CliRunner.Outcome(failed, tasks.Count + (study.ComputeVsError?.Rows.Count ?? 0), "task predictions and subset fits");
        }));
        return cmd;
    }
}
