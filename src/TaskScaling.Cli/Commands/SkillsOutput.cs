using System.CommandLine;
using System.Globalization;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>Shared bits of the `skills` commands: data loading and number formatting (writing goes through <see cref="CliOutput"/>).</summary>
internal static class SkillsOutput
{
    /// <summary>
    /// The tables given with --table (data_v2 layout, concatenated in order), else the Sloth table; with the
    /// benchmark columns of the given sets (only those must exist).
    /// </summary>
    public static LeaderboardTable Load(string? dataRoot, string[]? tables, params string[] sets)
    {
        var benchmarks = sets.SelectMany(BenchmarkSets.ByName).Distinct().ToArray();
        var columns = LeaderboardColumns.Default with { Benchmarks = benchmarks };
        if (tables is not { Length: > 0 }) return LeaderboardReader.Read(InputPaths(dataRoot, tables)[0], columns);
        return LeaderboardTable.Concat(tables.Select(t => LeaderboardReader.Read(t, columns)).ToArray());
    }

    /// <summary>The files <see cref="Load"/> reads: the --table files, else <c>&lt;data&gt;/sloth/data_v2.csv</c>.</summary>
    public static string[] InputPaths(string? dataRoot, string[]? tables) =>
        tables is { Length: > 0 } ? tables : [DataLocation.Require(DataLocation.Resolve(dataRoot), DataFolder.SlothTable)];

    /// <summary>An error naming the first option of <paramref name="options"/> given on the command line (not by default).</summary>
    public static void RejectWith(ParseResult parse, string reason, params Option[] options)
    {
        foreach (var o in options)
            if (parse.GetResult(o) is { Implicit: false })
                throw new InvalidRequestException($"{o.Name} cannot be used with {reason}");
    }

    /// <summary>`--table FILE` (repeatable): leaderboard tables in the layout of data_v2.csv, used instead of it.</summary>
    public static Option<string[]> TableOption() => new("--table")
    {
        Description = "A leaderboard table in the layout of data_v2.csv (e.g. from `skills import`); repeat to concatenate several (default: <data>/sloth/data_v2.csv).",
    };

    public static string F(double v, string format = "F2") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Values may be given repeated or comma-separated.</summary>
    public static string[] Split(string[]? values) => CliOutput.SplitList(values);
}
