using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>A held-out model of a backtest: its predictions (with intervals) and actual scores.</summary>
public sealed record HeldOutModel(string Model, string Family, double Parameters, double Tokens, IReadOnlyList<BenchmarkPrediction> Predictions);

/// <summary>Per benchmark: mean |error| over the held-out models and the share of them inside their interval.</summary>
public sealed record BenchmarkBacktest(string Benchmark, double Mae, double Coverage);

/// <summary>
/// One leave-family-out test (spec §6.3) of a method with calibrated intervals: the test families kept their
/// <see cref="GivenModels"/> smallest models, their larger ones were predicted. Errors are fractions.
/// </summary>
public sealed record BacktestReport
{
    public required IReadOnlyList<string> Families { get; init; }
    public required string Set { get; init; }
    public required int GivenModels { get; init; }
    public required string Method { get; init; }
    public required double Level { get; init; }
    public required int TrainingModels { get; init; }
    public required IReadOnlyList<HeldOutModel> Models { get; init; }
    public required IReadOnlyList<BenchmarkBacktest> PerBenchmark { get; init; }
    /// <summary>Mean |error| over the held-out models and benchmarks (fraction).</summary>
    public required double Mae { get; init; }
    /// <summary>Share of held-out cells inside their interval.</summary>
    public required double Coverage { get; init; }
    /// <summary>Mean upper − lower over the held-out cells (fraction).</summary>
    public required double MeanWidth { get; init; }
    public required IntervalCalibration Calibration { get; init; }
    public IReadOnlyDictionary<SkillsMethod, double>? Weights { get; init; }
}

/// <summary>Runs leave-family-out tests (one per group of families) with a method's calibrated ensemble; shared by backtest and evaluation.</summary>
internal static class HeldOutPrediction
{
    public sealed record Job(string Set, SkillDataset Data, LeaveFamilyOutSplit Split, int GivenModels);

    public static Job Prepare(LeaderboardTable table, string set, IReadOnlyList<string> families, int given, LowerBounds lowerBounds, SkillDataset? prepared = null)
    {
        if (given < 1) throw new InvalidRequestException("--given must be at least 1");
        var benchmarks = BenchmarkSets.ByName(set);
        var data = prepared ?? SkillDataset.Prepare(table, benchmarks, given + 1, lowerBounds);
        foreach (var f in families)
        {
            if (!table.Families.Contains(f)) throw new InvalidRequestException($"unknown family '{f}' (not in {table.Source})");
            int n = data.RowsOf(f).Length;
            if (n <= given)
            {
                int all = SkillDataset.Prepare(table, benchmarks, 1, lowerBounds).RowsOf(f).Length;
                throw new InvalidRequestException($"family '{f}' has {all} model(s) with tokens and all {benchmarks.Count} scores of set '{set}'; " +
                    $"{given} given model(s) leave none to predict (need at least {given + 1})");
            }
        }
        return new Job(set, data, LeaveFamilyOutSplit.Create(data, families, given), given);
    }

    public static IReadOnlyList<BacktestReport> Run(IReadOnlyList<Job> jobs, SkillsMethod method, int skills, int members, int seed, double level,
        SkillFitOptions options, int? parallelism, Action<int, int>? progress = null)
    {
        if (!(level > 0 && level < 1)) throw new InvalidRequestException("--level must lie strictly between 0 and 1");
        if (members < 1) throw new InvalidRequestException("--seeds must be at least 1");
        var seeds = Enumerable.Range(0, members).Select(k => seed + k).ToArray();
        var plans = jobs.Select(j =>
        {
            MethodFit.Validate(method, skills, j.Data.BenchmarkCount);
            var predicted = new HashSet<string>(j.Split.Group, StringComparer.Ordinal);
            var targets = DesignRows.Of(j.Data, j.Split.TestRows);
            return MethodCombination.Plans(method, m => EnsembleIntervals.Create(m, skills, j.Data, j.Split.TrainRows, predicted, j.GivenModels, targets, seeds));
        }).ToArray();
        var fits = MethodCombination.RunAll(plans, options, parallelism, new ProgressCounter(progress));
        return jobs.Select((j, g) => Report(j, MethodCombination.Combine(method, plans[g], fits[g], level), method, level)).ToArray();
    }

    private static BacktestReport Report(Job job, MethodCombination.Result result, SkillsMethod method, double level)
    {
        var (data, split, o) = (job.Data, job.Split, result.Outcome);
        int J = data.BenchmarkCount, m = split.TestRows.Length;
        var models = new List<HeldOutModel>();
        var err = new double[J]; var cov = new double[J]; double width = 0;
        for (int i = 0; i < m; i++)
        {
            int row = split.TestRows[i];
            var preds = new List<BenchmarkPrediction>();
            for (int j = 0; j < J; j++)
            {
                double y = data.Scores[row, j];
                preds.Add(new BenchmarkPrediction(data.Benchmarks[j], o.Point[i, j]) { Lower = o.Lower[i, j], Upper = o.Upper[i, j], Actual = y });
                err[j] += Math.Abs(o.Point[i, j] - y) / m;
                cov[j] += (y >= o.Lower[i, j] && y <= o.Upper[i, j] ? 1.0 : 0.0) / m;
                width += (o.Upper[i, j] - o.Lower[i, j]) / (m * J);
            }
            models.Add(new HeldOutModel(data.Models[row], data.Families[row], data.Parameters[row], data.Tokens[row], preds));
        }
        return new BacktestReport
        {
            Families = split.Group, Set = job.Set, GivenModels = job.GivenModels, Method = SkillsMethods.Name(method), Level = level,
            TrainingModels = split.TrainRows.Length, Models = models,
            PerBenchmark = data.Benchmarks.Select((b, j) => new BenchmarkBacktest(b, err[j], cov[j])).ToArray(),
            Mae = err.Average(), Coverage = cov.Average(), MeanWidth = width, Calibration = o.Calibration,
            Weights = method == SkillsMethod.Ensemble ? result.Weights : null,
        };
    }
}
