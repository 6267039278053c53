using System.CommandLine;
using TaskScaling.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `taskscaling ladder init DIR --out ladder.json`: scan a folder of run files (W&amp;B CSVs or lm-eval results),
/// list the runs and metrics found, and write a draft description with what could not be inferred left null.
/// </summary>
public static class LadderInitCommand
{
    public static Command Create()
    {
        var cmd = new Command("init",
            "Scan a folder of run files (W&B history CSVs, or lm-evaluation-harness results per checkpoint) and write a ladder description to complete: " +
            "what cannot be inferred (N of each run, tokens per step, unknown chance levels) is null and listed under \"todo\"; `ladder predict --ladder` refuses it until filled.");
        var folder = new Argument<string>("DIR") { Description = "Folder of run files: *.csv (one W&B run each) and/or lm-eval *.json (a subfolder per run, or files named <run>_stepN.json)." };
        var outp = new Option<string?>("--out") { Description = "The description to write (whole or not at all).", Required = true };
        cmd.Arguments.Add(folder);
        cmd.Options.Add(outp);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var r = LadderInit.Create(parse.GetValue(folder)!, parse.GetValue(outp)!);
            var o = Console.Out;
            o.WriteLine($"found {r.Runs.Count} run(s):");
            foreach (var run in r.Runs)
                o.WriteLine($"  {run.Name}  [{(run.Format == TaskScaling.Ladder.RunFormat.LmEval ? "lm-eval" : "W&B")}]  {run.File}  " +
                            $"{run.Checkpoints} checkpoint(s), {run.Metrics} metric(s); tokens: {run.Tokens}");
            o.WriteLine($"metrics every run has ({r.Metrics.Count}): {string.Join(", ", r.Metrics.Take(30))}{(r.Metrics.Count > 30 ? $", ... ({r.Metrics.Count - 30} more)" : "")}");
            o.WriteLine($"tasks ({r.Description.Tasks.Count}): {string.Join(", ", r.Description.Tasks.Select(t => t.Name))}");
            o.WriteLine($"wrote {r.Written}");
            var unfilled = r.Unfilled;
            if (unfilled.Count > 0)
            {
                o.WriteLine($"fill in before `ladder predict --ladder` ({unfilled.Count}):");
                foreach (var u in unfilled) o.WriteLine($"  - {u}");
            }
            foreach (var t in r.Todo.Skip(unfilled.Count)) o.WriteLine($"note: {t}");
            return 0;
        }));
        return cmd;
    }
}
