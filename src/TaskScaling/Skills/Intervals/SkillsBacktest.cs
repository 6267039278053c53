using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>Backtest one family: it keeps its <see cref="Given"/> smallest models, the rest are predicted.</summary>
public sealed record SkillsBacktestRequest
{
    public required string Family { get; init; }
    /// <summary>Models the family keeps for training (1 or 2 in the paper).</summary>
    public int Given { get; init; } = 1;
    /// <summary>"v1", "v2" or "all".</summary>
    public string Set { get; init; } = "all";
    public SkillsMethod Method { get; init; } = SkillsPrediction.DefaultMethod;
    public int Skills { get; init; } = 3;
    public int Members { get; init; } = 5;
    public int Seed { get; init; } = 42;
    public double Level { get; init; } = 0.9;
    public int? Parallelism { get; init; }
    public SkillFitOptions FitOptions { get; init; } = SkillsPrediction.DefaultFitOptions;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
    /// <summary>Called with (fits done, fits in all) as the ensemble's fits finish, from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>
/// Leave-family-out for any family of any table, exactly as the paper's protocol (spec §6.2–6.3: complete cases, families with
/// fewer than given + 1 models dropped, the family's given smallest models kept): errors and interval coverage per benchmark.
/// </summary>
public static class SkillsBacktest
{
    public static BacktestReport Run(LeaderboardTable table, SkillsBacktestRequest request)
    {
        var job = HeldOutPrediction.Prepare(table, request.Set, [request.Family], request.Given, request.LowerBounds);
        return HeldOutPrediction.Run([job], request.Method, request.Skills, request.Members, request.Seed, request.Level,
            request.FitOptions, request.Parallelism, request.Progress)[0];
    }
}
