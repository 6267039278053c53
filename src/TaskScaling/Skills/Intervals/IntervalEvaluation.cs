using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>The paper's protocol run with a method's calibrated ensemble: benchmark sets × given models, test groups.</summary>
public sealed record IntervalEvaluationRequest
{
    public IReadOnlyList<string> Sets { get; init; } = ["v1", "v2", "all"];
    /// <summary>Models each test family keeps (min_models − 1).</summary>
    public IReadOnlyList<int> Given { get; init; } = [1, 2];
    /// <summary>Test families, each its own group; null = the paper's groups (spec §6.3).</summary>
    public IReadOnlyList<string>? Families { get; init; }
    public SkillsMethod Method { get; init; } = SkillsPrediction.DefaultMethod;
    public int Skills { get; init; } = 3;
    public int Members { get; init; } = 5;
    public int Seed { get; init; } = 42;
    public double Level { get; init; } = 0.9;
    public int? Parallelism { get; init; }
    public Action<int, int>? Progress { get; init; }
    public SkillFitOptions FitOptions { get; init; } = SkillsPrediction.DefaultFitOptions;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
}

/// <summary>
/// One setting: coverage of the test cells pooled, mean interval width, and the family-averaged MAE of the point prediction
/// (mean over a group's cells, then over groups: spec §6.4), all fractions.
/// </summary>
public sealed record IntervalSetting(string Set, int GivenModels, double Coverage, double MeanWidth, double Mae, int TestCells, IReadOnlyList<BacktestReport> Groups);

public sealed record IntervalEvaluationReport(string Method, double Level, IReadOnlyList<IntervalSetting> Settings, TimeSpan Elapsed);

/// <summary>Runs <see cref="IntervalEvaluationRequest"/>: every (setting, group, member) fit in one parallel pool, gathered by index.</summary>
public static class IntervalEvaluation
{
    public static IntervalEvaluationReport Run(LeaderboardTable table, IntervalEvaluationRequest request)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var jobs = new List<HeldOutPrediction.Job>();
        var settingOf = new List<(string Set, int Given)>();
        foreach (var set in request.Sets)
            foreach (var given in request.Given)
            {
                if (given < 1) throw new InvalidRequestException("the number of given models must be at least 1");
                var data = SkillDataset.Prepare(table, BenchmarkSets.ByName(set), given + 1, request.LowerBounds);
                var groups = request.Families is { } fams ? fams.Select(f => new[] { f }).ToArray() : TestGroups.For(set, given + 1);
                foreach (var g in groups)
                {
                    jobs.Add(HeldOutPrediction.Prepare(table, set, g, given, request.LowerBounds, data));
                    settingOf.Add((set, given));
                }
            }
        var reports = HeldOutPrediction.Run(jobs, request.Method, request.Skills, request.Members, request.Seed, request.Level,
            request.FitOptions, request.Parallelism, request.Progress);
        var settings = new List<IntervalSetting>();
        foreach (var key in settingOf.Distinct())
        {
            var groups = reports.Where((_, i) => settingOf[i] == key).ToArray();
            var cells = groups.SelectMany(g => g.Models.SelectMany(m => m.Predictions)).ToArray();
            settings.Add(new IntervalSetting(key.Set, key.Given,
                cells.Average(p => p.Actual >= p.Lower && p.Actual <= p.Upper ? 1.0 : 0.0),
                cells.Average(p => p.Upper!.Value - p.Lower!.Value), groups.Average(g => g.Mae), cells.Length, groups));
        }
        return new IntervalEvaluationReport(SkillsMethods.Name(request.Method), request.Level, settings, sw.Elapsed);
    }
}
