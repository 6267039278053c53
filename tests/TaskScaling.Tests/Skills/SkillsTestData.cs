using TaskScaling.Data.Leaderboard;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Skills;

/// <summary>The Sloth table, read once for all skill tests.</summary>
internal static class SkillsTestData
{
    private static readonly Lazy<LeaderboardTable> _table = new(() => LeaderboardReader.ReadSloth(DataLocation.Resolve()));
    public static LeaderboardTable Table => _table.Value;
}
