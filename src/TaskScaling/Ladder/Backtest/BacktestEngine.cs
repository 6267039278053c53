using MathNet.Numerics.Distributions;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder.Backtest;

/// <summary>
/// The backtest's computation, shared by <see cref="LadderBacktest"/> and the predictions that need it (auto, ensemble,
/// calibrated intervals): every base predictor fitted once per fold and task, held-out predictions, and the choices
/// made from them — each with an optional left-out size, so that a held-out run's own size never enters its interval's
/// κ, its ensemble weights or auto's choice (leave-one-size-out). Only ladder runs enter; targets never do.
/// </summary>
internal sealed class BacktestEngine
{
    public IReadOnlyList<TaskPredictors> Tasks { get; }
    public IReadOnlyList<BacktestFold> Folds { get; }
    public double Level { get; }
    /// <summary>Normal quantile of the level: intervals are est ± z·σ.</summary>
    public double Z { get; }
    /// <summary>A task's own rows calibrate its κ only when there are at least ⌈2/(1 − level)⌉ of them (20 at 90%); else κ is pooled across tasks.</summary>
    public int MinRows { get; }
    public IReadOnlyList<HeldOutPrediction> Rows { get; }
    private readonly Dictionary<(LadderPredictorKind, int), HeldOutPrediction[]> _ok;

    private BacktestEngine(IReadOnlyList<TaskPredictors> tasks, IReadOnlyList<BacktestFold> folds, double level, List<HeldOutPrediction> rows)
    {
        Tasks = tasks; Folds = folds; Level = level; Rows = rows;
        Z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        MinRows = (int)Math.Ceiling(2 / (1 - level) - 1e-9);
        _ok = rows.Where(r => r.Ok).GroupBy(r => (r.Kind, r.Task)).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Runs the folds for <paramref name="kinds"/> (auto needs every base kind and the ensemble; the ensemble its members).</summary>
    public static BacktestEngine Run(IReadOnlyList<TaskPredictors> tasks, IReadOnlyList<LadderPredictorKind> kinds, double level)
    {
        var first = tasks[0];
        var folds = BacktestFolds.Of(first.Runs, first.Points, first.UseF);
        var fitted = (kinds.Contains(LadderPredictorKind.Auto) ? TaskPredictors.BaseKinds
            : kinds.Where(k => k != LadderPredictorKind.Ensemble).Concat(kinds.Contains(LadderPredictorKind.Ensemble) ? TaskPredictors.EnsembleMembers : []).Distinct()).ToArray();
        var chains = Chains(folds);
        foreach (var tp in tasks)
            tp.Step2.Chain(chains.SelectMany(c => c.Skip(1).Select((f, i) => (folds[f].Train, folds[c[i]].Train))));
        // One job per task, predictor and chain: the chain's folds in order, each starting from the previous fold's fit.
        var jobs = (from t in Enumerable.Range(0, tasks.Count)
                    from k in fitted where tasks[t].Available.ContainsKey(k)
                    from c in chains
                    select (t, k, c)).ToArray();
        var results = new HeldOutPrediction[folds.Count, tasks.Count, fitted.Length][];
        // The heavy fits (two-step, single-step, flops) first, so the parallel loop ends together.
        var order = Enumerable.Range(0, jobs.Length).OrderBy(j => TaskPredictors.IsVariant(jobs[j].k) ? 0 : 1).ToArray();
        Parallel.ForEach(order, j =>
        {
            var (t, k, chain) = jobs[j];
            PredictorFit? previous = null;
            for (int i = 0; i < chain.Length; i++)
            {
                int f = chain[i];
                var start = new FoldStart(i > 0 ? folds[chain[i - 1]].Train : null, previous);
                (results[f, t, Array.IndexOf(fitted, k)], previous) = Predict(tasks[t], t, tasks[t].Available[k], f, folds[f], start);
            }
        });
        var rows = new List<HeldOutPrediction>();
        for (int f = 0; f < folds.Count; f++)
            for (int t = 0; t < tasks.Count; t++)
                for (int k = 0; k < fitted.Length; k++)
                    if (results[f, t, k] is { } r) rows.AddRange(r);
        var engine = new BacktestEngine(tasks, folds, level, rows);
        if (kinds.Contains(LadderPredictorKind.Ensemble) || kinds.Contains(LadderPredictorKind.Auto)) engine = engine.With(engine.EnsembleRows());
        if (kinds.Contains(LadderPredictorKind.Auto)) engine = engine.With(engine.AutoRows());
        return engine;
    }

    private BacktestEngine With(IEnumerable<HeldOutPrediction> more) => new(Tasks, Folds, Level, Rows.Concat(more).ToList());

    /// <summary>The fitted folds in chains of nested training runs (by size, by compute), each in the order of its folds;
    /// a fold whose runs do not include the previous one's starts a new chain.</summary>
    private static List<int[]> Chains(IReadOnlyList<BacktestFold> folds)
    {
        var chains = new List<List<int>>();
        foreach (var kind in new[] { BacktestFoldKind.Size, BacktestFoldKind.Compute })
        {
            List<int>? chain = null;
            for (int f = 0; f < folds.Count; f++)
            {
                if (folds[f].Kind != kind || folds[f].Skipped is not null) continue;
                if (chain is null || !folds[chain[^1]].Train.All(folds[f].Train.Contains)) chains.Add(chain = []);
                chain.Add(f);
            }
        }
        return chains.Select(c => c.ToArray()).ToList();
    }

    private static (HeldOutPrediction[] Rows, PredictorFit? Fit) Predict(TaskPredictors tp, int t, ITaskPredictor predictor, int f, BacktestFold fold, FoldStart start)
    {
        var problem = predictor.Unidentifiable(fold.Train);
        var fit = problem is null ? predictor.Fit(fold.Train, start, out problem) : null;
        var at = fit?.At;
        var train = fold.Train.Select(i => RunInput.Of(tp.Points[i])).ToArray();
        return (fold.HeldOut.Select(i =>
        {
            var x = RunInput.Of(tp.Points[i]);
            var (distance, calibration) = Distances(x, train, tp.UseF);
            Estimate? e = at?.Invoke(x);
            string? why = problem;
            if (e is { } v && !double.IsFinite(v.Value)) { e = null; why = "the prediction is not a finite number"; }
            return new HeldOutPrediction(t, predictor.Kind, f, i, x.N, e, e is null ? why : null, tp.Points[i].Y, distance, calibration);
        }).ToArray(), fit);
    }

    /// <summary>The extrapolation distances of x beyond the fitted runs (<see cref="ExtrapolationReach.Distances"/>).</summary>
    public static (double Distance, double Calibration) Distances(RunInput x, IReadOnlyList<RunInput> fitted, bool useF) =>
        ExtrapolationReach.Of(fitted, useF).Distances(x);

    /// <summary>Usable rows of a kind and task, without those of size <paramref name="leftOut"/>.</summary>
    public IEnumerable<HeldOutPrediction> OkRows(LadderPredictorKind kind, int task, double? leftOut) =>
        _ok.TryGetValue((kind, task), out var rows) ? rows.Where(r => r.Size != leftOut) : [];

    /// <summary>Mean absolute error of a kind on a task (NaN without rows).</summary>
    public double Mae(LadderPredictorKind kind, int task, double? leftOut = null)
    {
        var e = OkRows(kind, task, leftOut).Select(r => Math.Abs(r.Residual)).ToArray();
        return e.Length == 0 ? double.NaN : e.Average();
    }

    /// <summary>κ of σ² = σ_param² + (κ·Δ)² for a kind on a task (<see cref="ExtrapolationCalibration.Kappa"/>): from the
    /// task's rows when there are <see cref="MinRows"/>, else from the kind's rows on every task; NaN without rows.</summary>
    public double Kappa(LadderPredictorKind kind, int task, double? leftOut = null)
    {
        var rows = OkRows(kind, task, leftOut).ToArray();
        if (rows.Length < MinRows)
            rows = Enumerable.Range(0, Tasks.Count).SelectMany(t => OkRows(kind, t, leftOut)).ToArray();
        return ExtrapolationCalibration.Kappa(rows.Select(r => r.Residual).ToArray(), rows.Select(r => r.Estimate!.Value.Se).ToArray(),
            rows.Select(r => r.CalibrationDistance).ToArray(), Z, Level);
    }

    /// <summary>Ensemble weights on a task: w ∝ 1 / mean squared backtest error of each member with rows.</summary>
    public IReadOnlyDictionary<LadderPredictorKind, double> Weights(int task, double? leftOut = null)
    {
        var w = new Dictionary<LadderPredictorKind, double>();
        foreach (var k in TaskPredictors.EnsembleMembers)
        {
            var e = OkRows(k, task, leftOut).Select(r => r.Residual * r.Residual).ToArray();
            if (e.Length > 0) w[k] = 1 / Math.Max(e.Average(), 1e-12);
        }
        double sum = w.Values.Sum();
        return w.ToDictionary(kv => kv.Key, kv => kv.Value / sum);
    }

    /// <summary>Auto's choice on a task: the kind (a base kind or the ensemble) with the smallest backtest MAE; null without rows.</summary>
    public LadderPredictorKind? Choose(int task, double? leftOut = null, Func<LadderPredictorKind, bool>? allowed = null)
    {
        LadderPredictorKind? best = null;
        double bestMae = double.PositiveInfinity;
        foreach (var k in TaskPredictors.BaseKinds.Append(LadderPredictorKind.Ensemble))
            if ((allowed?.Invoke(k) ?? true) && Mae(k, task, leftOut) is var m && m < bestMae) (best, bestMae) = (k, m);
        return best;
    }

    /// <summary>The ensemble of member estimates with weights (renormalised over the members present).</summary>
    public static Estimate? Combine(IReadOnlyDictionary<LadderPredictorKind, double> weights, IReadOnlyDictionary<LadderPredictorKind, Estimate> members)
    {
        double sw = 0, v = 0, se = 0;
        foreach (var (k, w) in weights)
            if (members.TryGetValue(k, out var e) && double.IsFinite(e.Value))
            {
                sw += w; v += w * e.Value; se += w * (double.IsFinite(e.Se) ? e.Se : 0);
            }
        return sw > 0 ? new Estimate(v / sw, se / sw) : null;
    }

    private IEnumerable<HeldOutPrediction> EnsembleRows()
    {
        foreach (var g in Rows.Where(r => TaskPredictors.EnsembleMembers.Contains(r.Kind)).GroupBy(r => (r.Task, r.Fold, r.Run)))
        {
            var any = g.First();
            var members = g.Where(r => r.Ok).ToDictionary(r => r.Kind, r => r.Estimate!.Value);
            var e = Combine(Weights(any.Task, any.Size), members);
            yield return any with { Kind = LadderPredictorKind.Ensemble, Estimate = e, Problem = e is null ? "no member has a prediction and a weight from other sizes" : null };
        }
    }

    private IEnumerable<HeldOutPrediction> AutoRows()
    {
        var byKey = Rows.ToLookup(r => (r.Task, r.Kind, r.Fold, r.Run));
        foreach (var g in Rows.GroupBy(r => (r.Task, r.Fold, r.Run)))
        {
            var any = g.First();
            var chosen = Choose(any.Task, any.Size);
            var row = chosen is { } c ? byKey[(any.Task, c, any.Fold, any.Run)].FirstOrDefault() : null;
            yield return row is not null
                ? row with { Kind = LadderPredictorKind.Auto, Chosen = chosen }
                : any with { Kind = LadderPredictorKind.Auto, Estimate = null, Problem = "no predictor has backtest rows from other sizes to choose by" };
        }
    }
}
