using System.Globalization;
using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Cli.Commands;

/// <summary>Shared bits of the `skills` commands: data loading and number formatting (writing goes through <see cref="CliOutput"/>).</summary>
internal static class SkillsOutput
{
    /// <summary>The Sloth table with the benchmark columns of the given sets (only those must exist).</summary>
    public static LeaderboardTable Load(string? dataRoot, params string[] sets) =>
        LeaderboardReader.ReadSloth(dataRoot, sets.SelectMany(BenchmarkSets.ByName).Distinct().ToArray());

    public static string F(double v, string format = "F2") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Values may be given repeated or comma-separated.</summary>
    public static string[] Split(string[]? values) => CliOutput.SplitList(values);
}
