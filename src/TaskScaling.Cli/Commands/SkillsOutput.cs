using System.CommandLine;
using System.Globalization;
using TaskScaling.Data.Leaderboard;

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
        if (tables is not { Length: > 0 }) return LeaderboardReader.ReadSloth(dataRoot, benchmarks);
        var columns = LeaderboardColumns.Default with { Benchmarks = benchmarks };
        return LeaderboardTable.Concat(tables.Select(t => LeaderboardReader.Read(t, columns)).ToArray());
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
