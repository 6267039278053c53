namespace TaskScaling.Skills;

/// <summary>
/// The <see cref="SkillsMethod.Ensemble"/> method: the four single methods fitted on the same folds (<see cref="EnsembleIntervals"/>),
/// combined member by member with weights w_m ∝ 1/MAE_m², MAE_m = the method's family-averaged held-out error on the calibration
/// families (the training families only). The combination is then calibrated on the same held-out cells like a single method.
/// </summary>
internal static class MethodCombination
{
    public sealed record Result(EnsembleIntervals.Outcome Outcome, IReadOnlyDictionary<SkillsMethod, double> Weights);

    /// <summary>The plans and fits of a method (one plan and its K fits; four of each for the ensemble) combined into its outcome.</summary>
    public static Result Combine(SkillsMethod method, IReadOnlyList<EnsembleIntervals.Plan> plans, IReadOnlyList<MethodFitResult[]> fits, double level)
    {
        if (method != SkillsMethod.Ensemble) return new Result(EnsembleIntervals.Combine(plans[0], fits[0], level), new Dictionary<SkillsMethod, double> { [method] = 1 });
        var methods = SkillsMethods.Single;
        int K = plans[0].Folds.Count;
        var raw = methods.Select((_, a) => FamilyAveragedError(EnsembleIntervals.Combine(plans[a], fits[a], level).Calibration))
            .Select(e => 1 / Math.Max(e * e, 1e-12)).ToArray();
        var w = raw.Select(r => r / raw.Sum()).ToArray();
        var combined = new MethodFitResult[K];
        for (int k = 0; k < K; k++)
        {
            var p0 = fits[0][k].Predictions;
            var p = new double[p0.GetLength(0), p0.GetLength(1)];
            double mae = 0;
            for (int a = 0; a < methods.Count; a++)
            {
                var pa = fits[a][k].Predictions;
                for (int i = 0; i < p.GetLength(0); i++) for (int j = 0; j < p.GetLength(1); j++) p[i, j] += w[a] * pa[i, j];
                mae += w[a] * fits[a][k].TrainingMae;
            }
            combined[k] = new MethodFitResult(p, mae, null, null);
        }
        var final = EnsembleIntervals.Combine(plans[0] with { Method = SkillsMethod.Ensemble }, combined, level);
        return new Result(final, methods.Select((m, a) => (m, a)).ToDictionary(t => t.m, t => w[t.a]));
    }

    /// <summary>The plans a method needs: its own, or one per single method for the ensemble.</summary>
    public static EnsembleIntervals.Plan[] Plans(SkillsMethod method, Func<SkillsMethod, EnsembleIntervals.Plan> plan) =>
        method == SkillsMethod.Ensemble ? SkillsMethods.Single.Select(plan).ToArray() : [plan(method)];

    /// <summary>Runs every fold of every plan (work items gathered by index: the same results for any number of threads);
    /// each fit is one unit of <paramref name="progress"/>.</summary>
    public static MethodFitResult[][][] RunAll(IReadOnlyList<EnsembleIntervals.Plan[]> plans, SkillFitOptions options, int? parallelism, ProgressCounter? progress = null)
    {
        var items = new List<(int Job, int Plan, int Fold)>();
        for (int g = 0; g < plans.Count; g++)
            for (int a = 0; a < plans[g].Length; a++)
                for (int k = 0; k < plans[g][a].Folds.Count; k++) items.Add((g, a, k));
        var fits = plans.Select(ps => ps.Select(p => new MethodFitResult[p.Folds.Count]).ToArray()).ToArray();
        progress?.Expect(items.Count);
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount }, it =>
        {
            fits[it.Job][it.Plan][it.Fold] = plans[it.Job][it.Plan].Run(it.Fold, options);
            progress?.Done();
        });
        return fits;
    }

    /// <summary>Mean over families of the mean |y − ŷ| over the family's held-out cells.</summary>
    public static double FamilyAveragedError(IntervalCalibration calibration) =>
        calibration.Residuals.GroupBy(r => r.Family, StringComparer.Ordinal).Select(g => g.Average(r => r.Error)).Average();
}
