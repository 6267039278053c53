using System.CommandLine;
using TaskScaling.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>`ladder describe`: print (or --out) a ladder description as JSON — a starting point for your own ladder.</summary>
internal static class LadderDescribeCommand
{
    public static Command Create()
    {
        var o = new LadderOptions();
        var cmd = new Command("describe", "Print the ladder description (default: the built-in paper ladder) as JSON, to adapt for your own ladder.");
        cmd.Options.Add(o.Ladder);
        cmd.Options.Add(o.Data);
        cmd.Options.Add(o.Out);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var d = o.Description(parse);
            // Written next to the runs' folder, file paths stay relative; else make them absolute.
            var outPath = parse.GetValue(o.Out);
            var baseDir = outPath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            var rel = d with { Runs = d.Runs.Select(r => r with { File = Rel(d.ResolvePath(r.File), baseDir), IntermediateFile = r.IntermediateFile is null ? null : Rel(d.ResolvePath(r.IntermediateFile), baseDir) }).ToArray() };
            CliOutput.WriteText(LadderDescriptionFile.ToJson(rel) + "\n", outPath);
            return 0;
        }));
        return cmd;
    }

    private static string Rel(string path, string baseDir) => Path.GetRelativePath(baseDir, path);
}
