namespace TaskScaling.Skills.Import;

/// <summary>
/// One model of an imported skills table: name (the <see cref="ModelKey"/>), lineage family, variant
/// family, size S (billions), tokens T (trillions), F = 6·S·T (1e21) and the scores on the 0–1 scale in
/// <see cref="BenchmarkSets.All"/> order (NaN when missing). <see cref="Origin"/> says where the scores
/// came from (leaderboard id and line, or lm-eval files).
/// </summary>
public sealed record SkillsTableRow(string Model, string Family, string Family2, double Parameters, double Tokens,
    IReadOnlyList<double> Scores, string Origin)
{
    /// <summary>F = 6·S·T: S in 1e9 and T in 1e12 give 6·S·T·1e21 FLOPs, i.e. 6·S·T in units of 1e21.</summary>
    public double Flops => 6.0 * Parameters * Tokens;

    public double Score(string benchmark)
    {
        for (int j = 0; j < BenchmarkSets.All.Count; j++) if (BenchmarkSets.All[j] == benchmark) return Scores[j];
        throw new InvalidRequestException($"'{benchmark}' is not a skills benchmark");
    }
}
