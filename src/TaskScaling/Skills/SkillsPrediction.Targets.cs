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
        var fitted = new Dictionary<string, SkillModel>(StringComparer.Ordinal);
        var reports = new List<PredictionReport>(targets.Count);
        foreach (var t in targets)
        {
            var one = request with { Family = t.Family, Parameters = t.Parameters, Tokens = t.Tokens };
            if (reuse && fitted.TryGetValue(t.Family, out var model))
            {
                if (!(t.Parameters > 0 && double.IsFinite(t.Parameters))) throw new InvalidRequestException("--params must be a positive number of billions");
                if (!(t.Tokens > 0 && double.IsFinite(t.Tokens))) throw new InvalidRequestException("--tokens must be a positive number of trillions");
                reports.Add(WithActual(table, Predict(model, t.Family, t.Parameters, t.Tokens, null, request.Level)));
                continue;
            }
            var report = Predict(table, one);
            if (reuse && report.Model is { } m) fitted[t.Family] = m;
            reports.Add(report);
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
