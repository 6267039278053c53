using TaskScaling.Data.Leaderboard;
using TaskScaling.Data.Samples;
using TaskScaling.Numerics.Decomposition;

namespace TaskScaling.Skills.Downstream;

/// <summary>
/// Spec §8.1: a task outside the fitted table predicted from the latent skills. Sloth basic (d skills, seed) is fitted on the
/// complete-case models without the targets, rotated and oriented (§4, anchor 0: skills rise with log size); the downstream layer
/// (<see cref="DownstreamLayer"/>) is fitted on the training models that have a task score and predicts each target from its projected
/// skills, with a bootstrap interval. The comparison (Ruan et al.'s "observational" features) fits the same layer on the first d principal
/// components of the training rows' benchmark scores (PCA on the training rows only; a target's scores are projected).
/// </summary>
public static class DownstreamPrediction
{
    public static DownstreamResult Predict(LeaderboardTable table, DownstreamRequest request)
    {
        if ((request.Benchmark is null) == (request.Scores is null)) throw new InvalidRequestException("give the task as --benchmark (a table column) or --scores FILE, not both");
        bool newModel = request.Family is not null || request.Parameters is not null || request.Tokens is not null;
        if (newModel == request.Targets.Count > 0) throw new InvalidRequestException("give the models to predict as --target MODEL or as --family F --params P --tokens T");
        if (newModel && (request.Family is null || request.Parameters is not { } s0 || request.Tokens is not { } t0 || !(s0 > 0 && t0 > 0 && double.IsFinite(s0 * t0))))
            throw new InvalidRequestException("a new model needs --family, and --params and --tokens as positive numbers");
        if (!(request.Level > 0 && request.Level < 1)) throw new InvalidRequestException("--level must lie strictly between 0 and 1");
        if (request.Resamples < 0) throw new InvalidRequestException("--bootstrap must be 0 or more");
        var benchmarks = BenchmarkSets.ByName(request.Set);
        if (request.Skills < 1 || request.Skills > benchmarks.Count) throw new InvalidRequestException($"--d must lie in 1..{benchmarks.Count}");
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++) rowOf.TryAdd(table.Models[i], i);
        foreach (var t in request.Targets)
            if (!rowOf.ContainsKey(t)) throw new InvalidRequestException($"target '{t}' is not in {table.Source}");
        var scores = TaskScores(table, request, rowOf);

        // Each target's benchmark scores: the PCA side predicts the targets that have them all.
        var targetScores = request.Targets.Select(t => benchmarks.Select(x => table.Score(rowOf[t], table.BenchmarkIndex(x))).ToArray()).ToArray();
        var progress = new ProgressCounter(request.Progress);
        progress.Expect(2 + request.Resamples * (targetScores.Any(b => b.All(double.IsFinite)) ? 2 : 1));
        var held = new HashSet<string>(request.Targets, StringComparer.Ordinal);
        var skills = LatentSkills.Fit(table, benchmarks, held, request.Skills, anchor: 0, [request.Seed], request.FitOptions, request.RotationMaxIterations, progress);
        var data = skills.Data;

        // Training models of the layer: Sloth training rows with a task score.
        var train = new List<(int Index, ModelScore Score)>();
        var skipped = new List<DownstreamSkip>();
        foreach (var s in scores)
        {
            int k = skills.TrainingIndex(s.Model);
            if (k >= 0) train.Add((k, s));
            else skipped.Add(new DownstreamSkip(s.Model, held.Contains(s.Model) ? "a target (held out)"
                : $"not a complete-case model of the fit (needs tokens and all {benchmarks.Count} benchmark scores)"));
        }
        if (train.Count < 2) throw new InvalidRequestException($"only {train.Count} training model(s) with a task score and complete data; at least two are needed");
        int d = request.Skills, n = train.Count;
        var y = train.Select(t => t.Score.Score).ToArray();
        var theta = new double[n, d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) theta[i, k] = skills.TrainingSkills[train[i].Index, k];

        // PCA on the Sloth training rows' benchmark scores only.
        var pca = PrincipalComponents.Fit(data.ScoresOf(skills.TrainingRows), d);
        var pcs = new double[n, d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) pcs[i, k] = pca.Scores[train[i].Index, k];

        // Targets: projected skills; benchmark scores projected on the components when the target has them all.
        var targets = new List<(string Model, string Family, double S, double T, double[] Theta, double[]? Pc, double? Actual)>();
        if (newModel)
            targets.Add(("(new model)", request.Family!, request.Parameters!.Value, request.Tokens!.Value,
                skills.SkillsOf(request.Family!, request.Parameters.Value, request.Tokens.Value), null, null));
        foreach (var (t, b) in request.Targets.Zip(targetScores))
        {
            int r = rowOf[t];
            if (!(double.IsFinite(table.Parameters[r]) && double.IsFinite(table.Tokens[r])))
                throw new InvalidRequestException($"target '{t}' has no parameters or tokens in {table.Source}");
            double[]? pc = null;
            if (b.All(double.IsFinite))
            {
                var row = new double[1, b.Length];
                for (int j = 0; j < b.Length; j++) row[0, j] = b[j];
                var proj = pca.Project(row);
                pc = Enumerable.Range(0, d).Select(k => proj[0, k]).ToArray();
            }
            double? actual = scores.FirstOrDefault(s => s.Model == t) is { } a ? a.Score : null;
            targets.Add((t, table.Families[r], table.Parameters[r], table.Tokens[r], skills.SkillsOf(table.Families[r], table.Parameters[r], table.Tokens[r]), pc, actual));
        }

        var options = request.FitOptions with { Seed = request.Seed };
        var layer = DownstreamLayer.Fit(theta, y, options);
        progress.Done();
        var pcaLayer = DownstreamLayer.Fit(pcs, y, options);
        progress.Done();
        var tTheta = ToMatrix(targets.Select(t => t.Theta).ToList(), d);
        var withPc = targets.Select((t, i) => (t, i)).Where(x => x.t.Pc is not null).ToList();
        var tPc = ToMatrix(withPc.Select(x => x.t.Pc!).ToList(), d);
        (double, double)[]? band = null, pcaBand = null;
        if (request.Resamples > 0)
        {
            // Resamples refit with the learning rate the full fit kept (one run instead of the sweep of three).
            band = DownstreamLayer.Interval(theta, y, tTheta, options with { LearningRates = [layer.LearningRate] }, request.Resamples, request.Seed, request.Level, progress);
            if (withPc.Count > 0) pcaBand = DownstreamLayer.Interval(pcs, y, tPc, options with { LearningRates = [pcaLayer.LearningRate] }, request.Resamples, request.Seed, request.Level, progress);
        }

        var results = targets.Select((t, i) =>
        {
            int pi = withPc.FindIndex(x => x.i == i);
            return new DownstreamTarget
            {
                Model = t.Model, Family = t.Family, Parameters = t.S, Tokens = t.T, Skills = t.Theta,
                Predicted = layer.Predict(t.Theta), Index = layer.Index(t.Theta), Lower = band?[i].Item1, Upper = band?[i].Item2, Actual = t.Actual,
                PcaPredicted = t.Pc is { } pc ? pcaLayer.Predict(pc) : null, PcaIndex = t.Pc is { } pc2 ? pcaLayer.Index(pc2) : null,
                PcaLower = pi >= 0 ? pcaBand?[pi].Item1 : null, PcaUpper = pi >= 0 ? pcaBand?[pi].Item2 : null,
            };
        }).ToArray();
        DownstreamSide Side(string name, DownstreamLayer l, double[,] x) => new(name, l, train.Select((t, i) =>
        {
            var f = DownstreamLayer.Row(x, i);
            return new DownstreamPoint(t.Score.Model, t.Score.Score, l.Predict(f), l.Index(f));
        }).ToArray());
        return new DownstreamResult
        {
            Task = request.Task ?? request.Benchmark ?? "task", Benchmarks = data.Benchmarks.ToArray(), Skills = d,
            SlothTrainingModels = skills.TrainingRows.Length, SlothTrainingMae = skills.SlothFit.TrainingMae, Seed = skills.Seed,
            Loadings = skills.Interpretation.Loadings, Skipped = skipped,
            Sloth = Side("sloth skills", layer, theta), Pca = Side("principal components", pcaLayer, pcs),
            Targets = results, Level = request.Level, Resamples = request.Resamples,
        };
    }

    /// <summary>The task's scores: the benchmark column's finite cells, or the given scores (every model must be in the table).</summary>
    private static IReadOnlyList<ModelScore> TaskScores(LeaderboardTable table, DownstreamRequest request, Dictionary<string, int> rowOf)
    {
        if (request.Benchmark is { } b)
        {
            int c = table.Benchmarks.ToList().IndexOf(b);
            if (c < 0) throw new InvalidRequestException($"benchmark '{b}' is not a column read from {table.Source}");
            return Enumerable.Range(0, table.RowCount).Where(i => double.IsFinite(table.Score(i, c)))
                .Select(i => new ModelScore(table.Models[i], table.Score(i, c), table.Lines[i])).ToArray();
        }
        foreach (var s in request.Scores!)
            if (!rowOf.ContainsKey(s.Model))
                throw new DataFormatException(request.ScoresSource, s.Line, "model", $"model '{s.Model}' is not in {table.Source} (use its id there, e.g. meta-llama-3-8b-instruct)");
        return request.Scores;
    }

    private static double[,] ToMatrix(List<double[]> rows, int d)
    {
        var x = new double[rows.Count, d];
        for (int i = 0; i < rows.Count; i++) for (int k = 0; k < d; k++) x[i, k] = rows[i][k];
        return x;
    }
}
