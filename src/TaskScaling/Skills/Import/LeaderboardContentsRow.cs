namespace TaskScaling.Skills.Import;

/// <summary>
/// One model of an Open LLM Leaderboard (v2) contents CSV: its id ("org/name"), its key
/// (<see cref="ModelKey"/>), the size the leaderboard gives (billions, rounded to an integer there; NaN
/// when 0 or empty) and the six v2 raw scores on the 0–1 scale, in <see cref="BenchmarkSets.V2"/> order
/// (NaN when empty).
/// </summary>
internal sealed record LeaderboardContentsRow(string ModelId, string Key, double Parameters, IReadOnlyList<double> Scores, int Line);
