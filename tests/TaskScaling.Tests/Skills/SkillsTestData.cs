using System.Collections.Concurrent;
using TaskScaling.Cli;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>The Sloth table, read once for all skill tests.</summary>
internal static class SkillsTestData
{
    private static readonly Lazy<LeaderboardTable> _table = new(() => LeaderboardReader.ReadSloth(DataLocation.Resolve()));
    public static LeaderboardTable Table => _table.Value;

    private static readonly ConcurrentDictionary<string, Lazy<EvaluationReport>> _evaluations = new(StringComparer.Ordinal);

    /// <summary>The default leave-family-out evaluation (all six settings) of one method, run once for all tests
    /// that check its figures (the reference's and the docs' table).</summary>
    public static EvaluationReport Evaluation(string method) =>
        _evaluations.GetOrAdd(method, m => new Lazy<EvaluationReport>(() => SkillsEvaluation.Run(Table, new EvaluationRequest { Methods = [m] }))).Value;
}
