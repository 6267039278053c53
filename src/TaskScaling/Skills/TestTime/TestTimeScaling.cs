using MathNet.Numerics.Distributions;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Numerics.Sampling;
using TaskScaling.Skills.Downstream;

namespace TaskScaling.Skills.TestTime;

/// <summary>
/// Spec §8.2: latent skills (Sloth basic without the held-out and excluded models, rotated with the anchor), an item-response layer
/// (<see cref="ItemResponseLayer"/>) fitted on the other sample models for each weight decay, the one with the lowest validation BCE kept
/// (no refit), and coverage(k) = 1 − mean_q (1 − p_q)^k of each held-out model beside the pass@k estimator of its own samples.
/// </summary>
public static class TestTimeScaling
{
    public static TestTimeResult Run(LeaderboardTable table, TestTimeRequest request)
    {
        var samples = request.Samples.Counts;
        var held = new HashSet<string>(request.HeldOut, StringComparer.Ordinal);
        var train = samples.Select(s => s.Model).Distinct().Where(m => !held.Contains(m)).ToArray();
        if (train.Length < 2) throw new InvalidRequestException($"only {train.Length} training model(s) in {request.Samples.Source} besides the held-out ones; the item-response layer needs at least two");
        if (request.WeightDecays.Count == 0 || request.WeightDecays.Any(w => !(w >= 0))) throw new InvalidRequestException("weight decays must be 0 or more");
        if (!(request.ValidationFraction > 0 && request.ValidationFraction < 1)) throw new InvalidRequestException("the validation fraction must lie strictly between 0 and 1");
        var progress = new ProgressCounter(request.Progress);
        progress.Expect(request.WeightDecays.Count);
        var (skills, models, theta) = Skills(table, request, progress);

        var problems = samples.Where(s => !held.Contains(s.Model)).Select(s => s.Problem).Distinct().ToArray();
        var problemIndex = problems.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        var modelIndex = models.Select((m, i) => (m, i)).ToDictionary(t => t.m, t => t.i, StringComparer.Ordinal);

        // Validation mask: drawing fraction f of the cells with replacement marks each cell with probability 1 − e^(−f); per block
        // v ~ Binomial(n, 1 − e^(−f)) cells, of which vc ~ Hypergeometric(n, c, v) correct.
        var rng = new Random(request.Seed);
        double share = -MathNet.Numerics.SpecialFunctions.Expm1(-request.ValidationFraction);
        var fitBlocks = new List<ItemResponseLayer.Block>();
        var valBlocks = new List<ItemResponseLayer.Block>();
        foreach (var s in samples.Where(s => !held.Contains(s.Model)))
        {
            int v = Binomial.Sample(rng, share, s.Samples);
            int vc = v == 0 ? 0 : Hypergeometric.Sample(rng, s.Samples, s.Correct, v);
            int m = modelIndex[s.Model], q = problemIndex[s.Problem];
            fitBlocks.Add(new(m, q, s.Samples - v, s.Correct - vc));
            valBlocks.Add(new(m, q, v, vc));
        }
        var fits = request.WeightDecays.Select(wd =>
        {
            var fit = ItemResponseLayer.Fit(theta, fitBlocks, problems.Length, wd, request.Seed, request.MaxIterations);
            progress.Done();
            return fit;
        }).ToArray();
        var losses = fits.Select(x => ItemResponseLayer.MeanBce(theta, valBlocks, x, problems.Length)).ToArray();
        int best = 0;
        for (int i = 1; i < losses.Length; i++) if (losses[i] < losses[best]) best = i;
        var layer = ItemResponseLayer.From(problems, fits[best], theta.GetLength(1));

        var curves = request.HeldOut.Select(h =>
        {
            var th = Row(theta, modelIndex[h]);
            var p = layer.Probabilities(th);
            var own = samples.Where(s => s.Model == h).Select(s => (s.Samples, s.Correct)).ToArray();
            int maxK = own.Length > 0 ? own.Min(o => o.Samples) : 10_000;
            var points = Grid(maxK).Select(k => new CoveragePoint(k, PassAtK.Coverage(p, k), own.Length > 0 ? PassAtK.MeanEstimate(own, k) : null)).ToArray();
            return new CoverageCurve(h, th, points) { Problems = own.Length };
        }).ToArray();
        return new TestTimeResult
        {
            TrainingModels = train, Problems = problems.Length, SlothTrainingModels = skills.TrainingRows.Length, SlothTrainingMae = skills.SlothFit.TrainingMae,
            SlothSeed = skills.Seed, Validation = request.WeightDecays.Select((w, i) => (w, losses[i])).ToArray(), WeightDecay = request.WeightDecays[best],
            Layer = layer, Curves = curves,
        };
    }

    /// <summary>The Sloth fit and the skills of every sample model and held-out model (rows in <c>models</c> order).</summary>
    internal static (LatentSkills Skills, string[] Models, double[,] Theta) Skills(LeaderboardTable table, TestTimeRequest request, ProgressCounter? progress = null)
    {
        if (request.HeldOut.Count == 0) throw new InvalidRequestException("name at least one held-out model (--held-out)");
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++) rowOf.TryAdd(table.Models[i], i);
        foreach (var s in request.Samples.Counts)
            if (!rowOf.ContainsKey(s.Model))
                throw new DataFormatException(request.Samples.Source, s.Line > 0 ? s.Line : null, "model", $"model '{s.Model}' is not in {table.Source} (use its id there, e.g. meta-llama-3-8b-instruct)");
        foreach (var m in request.HeldOut.Concat(request.Exclude))
            if (!rowOf.ContainsKey(m)) throw new InvalidRequestException($"model '{m}' is not in {table.Source}");
        var models = request.Samples.Counts.Select(s => s.Model).Concat(request.HeldOut).Distinct().ToArray();
        var left = new HashSet<string>(request.HeldOut.Concat(request.Exclude), StringComparer.Ordinal);
        var skills = LatentSkills.Fit(table, BenchmarkSets.ByName(request.Set), left, request.Skills, request.Anchor, request.SlothSeeds, request.FitOptions, request.RotationMaxIterations, progress);
        var theta = new double[models.Length, request.Skills];
        for (int i = 0; i < models.Length; i++)
        {
            int r = rowOf[models[i]];
            int k = skills.TrainingIndex(models[i]);
            if (k < 0 && !(double.IsFinite(table.Parameters[r]) && double.IsFinite(table.Tokens[r])))
                throw new InvalidRequestException($"model '{models[i]}' has no parameters or tokens in {table.Source}: its skills cannot be computed");
            var th = k >= 0 ? skills.TrainingSkillsOf(k) : skills.SkillsOf(table.Families[r], table.Parameters[r], table.Tokens[r]);
            for (int j = 0; j < th.Length; j++) theta[i, j] = th[j];
        }
        return (skills, models, theta);
    }

    /// <summary>k = 1, 2, 5, 10, 20, 50, … up to <paramref name="max"/> (and <paramref name="max"/> itself).</summary>
    public static int[] Grid(int max)
    {
        var ks = new SortedSet<int>();
        for (long decade = 1; decade <= max; decade *= 10)
            foreach (var m in new[] { 1, 2, 5 }) if (decade * m <= max) ks.Add((int)(decade * m));
        ks.Add(max);
        return ks.ToArray();
    }

    private static double[] Row(double[,] x, int i) => Enumerable.Range(0, x.GetLength(1)).Select(k => x[i, k]).ToArray();
}
