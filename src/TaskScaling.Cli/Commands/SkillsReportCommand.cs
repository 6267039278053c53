using System.CommandLine;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Reports.Skills;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `skills report`: the skill model's figures as a self-contained HTML report in a folder (index.html, figures as
/// SVG and PNG, report.json). The library computes (<see cref="SkillsReportData.Compute"/>), the report draws (<see cref="SkillsReport.Write"/>).
/// </summary>
public static class SkillsReportCommand
{
    public static Command Create()
    {
        var d = new Option<int>("--d") { Description = "Number of skills.", DefaultValueFactory = _ => 3 };
        var family = new Option<string>("--family")
        {
            Description = "Family (Family2 name) of the link-function figure; its largest model is held out.",
            DefaultValueFactory = _ => "meta-llama-3",
        };
        var set = new Option<string>("--set") { Description = "Benchmark set of the link-function figure: v1, v2 or all.", DefaultValueFactory = _ => "v1" };
        var evaluation = new Option<string?>("--evaluation")
        {
            Description = "A saved `skills evaluate --format json` for the method × setting heat map (default: evaluate the PCA + FLOPs baselines now).",
        };
        var data = CommonOptions.Data();
        var outDir = new Option<string>("--out")
        {
            Description = "The report folder (written whole or not at all): new, or empty, or an earlier report with --force. Never the working folder or one above it, nor a symbolic link.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace an earlier TaskScaling report in --out (recognised by its report.json). A folder holding anything else is refused, --force or not." };
        var dsBench = new Option<string?>("--downstream-benchmark") { Description = "Add the downstream figure (docs/skills.md): a table column such as HumanEval, with --downstream-target." };
        var dsScores = new Option<string?>("--downstream-scores") { Description = "Add the downstream figure for a CSV of model,score (or eq-bench), with --downstream-target." };
        var dsTarget = new Option<string[]>("--downstream-target") { Description = "Table models the downstream figure predicts (held out).", AllowMultipleArgumentsPerToken = true };
        var samples = new Option<string?>("--samples") { Description = "Add coverage-against-k figures from this sample file (see `skills test-time`), with --held-out." };
        var heldOut = new Option<string[]>("--held-out") { Description = "Models of the coverage figures (held out).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Models left out of the coverage figures' Sloth fit only.", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("report", "Write an HTML report: rotated loadings, skill correlations, link functions for a family, method × setting errors.");
        foreach (var o in new Option[] { d, family, set, evaluation, data, outDir, force, dsBench, dsScores, dsTarget, samples, heldOut, exclude }) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var dir = parse.GetValue(outDir)!;
            bool f = parse.GetValue(force);
            TaskScaling.Reports.ReportFolder.Check(dir, f);
            var root = DataLocation.Resolve(parse.GetValue(data));
            string? bench = parse.GetValue(dsBench), scores = parse.GetValue(dsScores);
            var columns = bench is null ? LeaderboardColumns.Default : LeaderboardColumns.Default with { Benchmarks = [.. LeaderboardColumns.Default.Benchmarks.Append(bench).Distinct()] };
            var leaderboard = LeaderboardReader.Read(DataLocation.Require(root, DataFolder.SlothTable), columns);
            var request = new SkillsReportRequest
            {
                Downstream = bench is null && scores is null ? null : new TaskScaling.Skills.Downstream.DownstreamRequest
                {
                    Benchmark = bench, ScoresSource = scores ?? "scores", Targets = SkillsOutput.Split(parse.GetValue(dsTarget)),
                    Scores = scores is null ? null : scores == "eq-bench" && !File.Exists(scores) ? TaskScaling.Skills.Downstream.EqBench.Scores : TaskScaling.Data.Samples.ModelScoresReader.Read(scores),
                    Task = bench ?? (scores == "eq-bench" ? "EQ-Bench" : Path.GetFileNameWithoutExtension(scores)),
                },
                TestTime = parse.GetValue(samples) is { } sp ? new TaskScaling.Skills.TestTime.TestTimeRequest
                {
                    Samples = TaskScaling.Data.Samples.SampleFileReader.Read(sp), HeldOut = SkillsOutput.Split(parse.GetValue(heldOut)), Exclude = SkillsOutput.Split(parse.GetValue(exclude)),
                } : null,
                Skills = parse.GetValue(d),
                Family = parse.GetValue(family)!,
                LinkSet = parse.GetValue(set)!,
                Evaluation = parse.GetValue(evaluation) is { } file ? SkillsEvaluationFile.Read(file) : null,
                EvaluationSource = parse.GetValue(evaluation),
            };
            var numbers = ProgressDisplay.Run("report parts", p => SkillsReportData.Compute(leaderboard, request with { Progress = p }));
            var result = SkillsReport.Write(new SkillsReportInput
            {
                Data = numbers,
                Command = "taskscaling " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1)),
                DataFolder = root,
            }, dir, f);
            Console.Out.WriteLine($"wrote {Path.Combine(result.Folder, "index.html")} ({result.Figures.Count} figures)");
            return 0;
        }));
        return cmd;
    }
}
