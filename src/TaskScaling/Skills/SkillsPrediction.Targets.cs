using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

// Many targets in one call (`skills predict --targets FILE`).
public static partial class SkillsPrediction
{
    /// <summary>
    /// Every target predicted as <see cref="Predict(LeaderboardTable, SkillsPredictionRequest)"/> would predict it alone,
    /// in the given order. The fits depend on the family only (its intercept and the calibration's number of given
    /// models), not on the size and tokens: with sloth and sloth-basic each family is fitted once and its other targets
    /// are predicted from that ensemble (as <c>--save</c> then <c>--model</c> would, the same numbers); other methods fit per target.
    /// </summary>
    public static IReadOnlyList<PredictionReport> Predict(LeaderboardTable table, SkillsPredictionRequest request, IReadOnlyList<SkillsTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) throw new InvalidRequestException("no targets to predict");
        bool reuse = request.Method is SkillsMethod.Sloth or SkillsMethod.SlothBasic;
        // Every target validated and every needed ensemble planned before any fit; then all fits in one pool (one progress count).
        var jobs = new List<Job>();
        var jobOf = new int?[targets.Count];   // the target's own fits, or null: predicted from its family's first target's ensemble
        var sameAs = new int[targets.Count];
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            if (reuse && firstOf.TryGetValue(t.Family, out int first))
            {
                ValidateTarget(t.Parameters, t.Tokens);
                sameAs[i] = first;
                continue;
            }
            firstOf.TryAdd(t.Family, i);
            jobOf[i] = jobs.Count;
            jobs.Add(Prepare(table, request with { Family = t.Family, Parameters = t.Parameters, Tokens = t.Tokens }));
        }
        var fits = MethodCombination.RunAll(jobs.Select(j => j.Plans).ToArray(), request.FitOptions, request.Parallelism, new ProgressCounter(request.Progress));
        var reports = new List<PredictionReport>(targets.Count);
        for (int i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            reports.Add(jobOf[i] is int k
                ? Finish(table, jobs[k], fits[k])
                : WithActual(table, Predict(reports[sameAs[i]].Model!, t.Family, t.Parameters, t.Tokens, null, request.Level)));
        }
        return reports;
    }

    /// <summary>A prediction from a model with the table's scores of the same model, when it is there (in-sample).</summary>
    private static PredictionReport WithActual(LeaderboardTable table, PredictionReport r)
    {
        int row = InTable(table, r.Family, r.Parameters, r.Tokens);
        if (row < 0) return r;
        return r with
        {
            InTable = table.Models[row],
            Predictions = r.Predictions.Select(p => p with
            {
                Actual = table.Score(row, table.BenchmarkIndex(p.Benchmark)) is var a && double.IsFinite(a) ? a : null,
            }).ToArray(),
        };
    }
}
