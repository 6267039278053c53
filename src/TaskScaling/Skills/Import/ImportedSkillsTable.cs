using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills.Import;

/// <summary>
/// The outcome of an import: the rows (in the order of the token/metadata file) and what a user should
/// know (duplicate leaderboard rows dropped, benchmarks missing for a model, lm-eval merges).
/// </summary>
public sealed record ImportedSkillsTable(IReadOnlyList<SkillsTableRow> Rows, IReadOnlyList<string> Notes)
{
    public static IReadOnlyList<string> Benchmarks => BenchmarkSets.All;

    /// <summary>The table as the fitting code reads it (family = Family2, as every Sloth experiment uses).</summary>
    public LeaderboardTable ToLeaderboardTable(string source = "imported table")
    {
        int n = Rows.Count, m = Benchmarks.Count;
        var y = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) y[i, j] = Rows[i].Scores[j];
        return new LeaderboardTable(source, Rows.Select(r => r.Model).ToArray(), Rows.Select(r => r.Family2).ToArray(),
            Rows.Select(r => r.Parameters).ToArray(), Rows.Select(r => r.Tokens).ToArray(), Rows.Select(r => r.Flops).ToArray(),
            Benchmarks.ToArray(), y);
    }
}
