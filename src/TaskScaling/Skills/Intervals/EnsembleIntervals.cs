namespace TaskScaling.Skills;

/// <summary>
/// Ensemble and calibrated intervals in one set of fits (the cross-validation+ design of Barber et al., 2021, with families as
/// the units). The calibration families — training families other than the predicted ones with more than
/// <c>givenModels</c> models — are dealt in ordinal order to K folds (K = number of members, round robin). Member k is fitted
/// with seed seeds[k] on the training rows minus the larger models of fold k's families (each keeps its <c>givenModels</c>
/// smallest), and predicts both the asked models and those held-out models. So the members differ by seed (the optimiser's
/// variance) and their held-out errors, each from a fit that did not see them, calibrate <see cref="IntervalCalibration"/>.
/// Point = the median of the members (robust to one seed landing in a poor basin); interval = point ± h_j, widened to contain
/// every member, clipped to [0, 1]. Fits are independent work items gathered by index, so results do not depend on threads.
/// </summary>
internal static class EnsembleIntervals
{
    /// <summary>Minimum number of calibration families.</summary>
    public const int MinFamilies = 3;

    public sealed record Fold(int Seed, int[] TrainRows, int[] HeldOutRows, IReadOnlyList<string> HeldOutFamilies);

    public sealed record Plan(SkillsMethod Method, int Skills, SkillDataset Data, int GivenModels, DesignRows Targets, IReadOnlyList<Fold> Folds)
    {
        public MethodFitResult Run(int k, SkillFitOptions options) =>
            MethodFit.Run(Method, Skills, Data, Folds[k].TrainRows, GivenModels, Targets.Concat(DesignRows.Of(Data, Folds[k].HeldOutRows)), Folds[k].Seed, options);
    }

    public sealed record Outcome(double[,] Point, double[,] Lower, double[,] Upper, IReadOnlyList<EnsembleMember> Members,
        IntervalCalibration Calibration, IReadOnlyList<MethodFitResult> Fits);

    public static Plan Create(SkillsMethod method, int skills, SkillDataset data, int[] trainRows, ISet<string> predicted,
        int givenModels, DesignRows targets, IReadOnlyList<int> seeds)
    {
        if (seeds.Count == 0) throw new InvalidRequestException("--seeds must be at least 1");
        if (givenModels < 1) throw new InvalidRequestException("--given must be at least 1");
        var byFamily = trainRows.Where(i => !predicted.Contains(data.Families[i])).GroupBy(i => data.Families[i], StringComparer.Ordinal)
            .Where(g => g.Count() > givenModels).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Family: g.Key, Rows: g.OrderBy(i => i).ToArray())).ToArray();
        if (byFamily.Length < MinFamilies)
            throw new InvalidRequestException($"only {byFamily.Length} training families have more than {givenModels} model(s) with all scores; " +
                $"at least {MinFamilies} are needed to calibrate the intervals (use fewer given models, another --set, or add families with --table)");
        var folds = new List<Fold>();
        for (int k = 0; k < seeds.Count; k++)
        {
            var mine = byFamily.Where((_, i) => i % seeds.Count == k).ToArray();
            var held = mine.SelectMany(f => f.Rows[givenModels..]).ToArray();
            var heldSet = held.ToHashSet();
            folds.Add(new Fold(seeds[k], trainRows.Where(i => !heldSet.Contains(i)).ToArray(), held, mine.Select(f => f.Family).ToArray()));
        }
        return new Plan(method, skills, data, givenModels, targets, folds);
    }

    /// <summary>Median point, calibration from the members' held-out errors, intervals.</summary>
    public static Outcome Combine(Plan plan, IReadOnlyList<MethodFitResult> fits, double level)
    {
        var data = plan.Data;
        int m = plan.Targets.Count, J = data.BenchmarkCount, K = fits.Count;
        var residuals = new List<CalibrationResidual>();
        var members = new List<EnsembleMember>();
        for (int k = 0; k < K; k++)
        {
            var fold = plan.Folds[k];
            var p = fits[k].Predictions;
            var mine = Enumerable.Range(0, m).Select(i => Enumerable.Range(0, J).Select(j => p[i, j]).ToArray()).ToArray();
            members.Add(new EnsembleMember(fold.Seed, fold.HeldOutFamilies, fits[k].TrainingMae, mine));
            for (int h = 0; h < fold.HeldOutRows.Length; h++)
            {
                int row = fold.HeldOutRows[h];
                for (int j = 0; j < J; j++)
                    residuals.Add(new CalibrationResidual(data.Families[row], data.Models[row], j, Math.Abs(p[m + h, j] - data.Scores[row, j])));
            }
        }
        // Residuals in family order, whatever the fold they came from.
        residuals = residuals.OrderBy(r => r.Family, StringComparer.Ordinal).ToList();
        var calibration = new IntervalCalibration { GivenModels = plan.GivenModels, Benchmarks = data.Benchmarks, Residuals = residuals };
        var (point, lower, upper) = Intervals(members, calibration, level);
        return new Outcome(point, lower, upper, members, calibration, fits);
    }

    /// <summary>Median of the members ± h_j, widened to every member, within [0, 1].</summary>
    public static (double[,] Point, double[,] Lower, double[,] Upper) Intervals(IReadOnlyList<EnsembleMember> members, IntervalCalibration calibration, double level)
    {
        int m = members[0].Predictions.Length, J = calibration.Benchmarks.Count;
        var half = Enumerable.Range(0, J).Select(j => calibration.HalfWidth(j, level)).ToArray();
        var point = new double[m, J]; var lower = new double[m, J]; var upper = new double[m, J];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < J; j++)
            {
                var v = members.Select(x => x.Predictions[i][j]).OrderBy(x => x).ToArray();
                double med = v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
                point[i, j] = med;
                lower[i, j] = Math.Clamp(Math.Min(med - half[j], v[0]), 0, 1);
                upper[i, j] = Math.Clamp(Math.Max(med + half[j], v[^1]), 0, 1);
            }
        return (point, lower, upper);
    }
}
