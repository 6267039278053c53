using TaskScaling.Numerics;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder;

/// <summary>
/// The ladder method end to end: prepare each task's ladder data, fit step 1 and step 2 (or the variant's
/// form), predict every requested target, compare with what the target actually scored, and attach
/// prediction intervals. By concern: fitting and data preparation (this file), prediction from a saved fit
/// (LadderPredictor.SavedFit.cs), the numbers and their intervals (LadderPredictor.Intervals.cs).
/// <para>Every number is made from the tasks' fits alone (<see cref="LadderFit"/>: full-data fits with covariance,
/// the refits' parameters), by the same code for a fresh fit and for a saved one, so a saved fit reproduces the
/// original numbers and computes bootstrap intervals at new targets.</para>
/// </summary>
public static partial class LadderPredictor
{
    /// <summary>Fits the ladder and predicts the request's targets. The prediction carries the fit
    /// (<see cref="LadderPrediction.Fit"/>), which predicts other targets without the data.</summary>
    public static LadderPrediction Predict(LadderDescription description, LadderPredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        // A variant alone reads each file once and can drop it; predictors build several pipelines on the same files.
        bool variantAlone = request.Predictor is null && request.Interval != IntervalMethod.Calibrated;
        return Predict(new LadderData(description) { KeepRunFiles = !variantAlone }, request);
    }

    /// <summary>As <see cref="Predict(LadderDescription, LadderPredictionRequest)"/> on data already (partly) read, so that
    /// several computations on one description read each run file once.</summary>
    internal static LadderPrediction Predict(LadderData data, LadderPredictionRequest request, ProgressCounter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Step1Checkpoints is null && data.Description.Step1Checkpoints is { } checkpoints)
            request = request with { Step1Checkpoints = checkpoints };
        request = WithPredictor(request);
        if (request.Predictor is not null) return PredictorPrediction.Predict(data, request);
        var description = data.Description;
        CheckLevel(request);
        if (request.Interval == IntervalMethod.Bootstrap && request.Resamples < 2)
            throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");
        var settings = request.Settings();
        settings.Validate();

        var tasks = ResolveTasks(description, request.Tasks);
        var targets = ResolveTargets(data, request);
        VariantSupport.Require(data, request, tasks); // refuse, with every reason, what the data cannot support
        if (request.Variant == LadderVariant.Flops && targets.FirstOrDefault(t => t.F is null) is { } noF)
            throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");
        if (request.Variant == LadderVariant.Mc && targets.FirstOrDefault(t => t.Run?.IntermediateFile is null) is { } noMc)
            throw new InvalidRequestException($"the mc variant fits step 2 on the target's intermediate checkpoints; target {noMc.Name} has none (intermediateFile)");
        var runs = description.LadderRuns.ToList();

        // Read and prepare everything first, in order, so that a data error is reported deterministically.
        var pipelines = TaskPipeline.CreateAll(data, tasks, runs, request.Variant, settings, request.Step2StartA);
        foreach (var p in pipelines) p.RequireIdentifiable(description.Source);   // once per request, before any fit
        var actuals = new TargetActuals?[targets.Count, tasks.Count];
        var mcData = new Observations?[targets.Count, tasks.Count];
        var format = request.Variant == LadderVariant.Mc ? AccuracyFormat.Mc : AccuracyFormat.Rc;
        for (int t = 0; t < targets.Count; t++)
            for (int k = 0; k < tasks.Count; k++)
            {
                actuals[t, k] = Actuals(data, targets[t], tasks[k], settings, format);
                if (request.Variant == LadderVariant.Mc) mcData[t, k] = McStep2Data(data, targets[t].Run!, tasks[k]);
            }

        // The full-data fits always carry their covariance (cheap next to the fit): the delta intervals use it
        // when asked for, and the fit keeps it for figures' captions and for saved fits.
        var taskFits = new LadderTaskFit[tasks.Count];
        int refits = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : 0;
        progress ??= new ProgressCounter(request.Progress);
        progress.Expect(tasks.Count * (1 + refits));
        var mc = new FittedForm?[targets.Count, tasks.Count];
        Parallel.For(0, tasks.Count, Parallelism.PerCore, k =>
        {
            var p = pipelines[k];
            var fit = p.Fit(p.AllRuns, covariance: true);
            bool mcUsable = true;
            for (int t = 0; t < targets.Count; t++)
                if (mcData[t, k] is { } obs)
                {
                    mc[t, k] = LadderForms.Step2Mc(p.Task.Chance).Fit(obs, covariance: true);
                    mcUsable &= mc[t, k]!.Usable;
                }
            progress.Done();
            BootstrapFits? boot = null;
            if (fit.Usable && mcUsable && request.Interval == IntervalMethod.Bootstrap)
                boot = Refit(p, fit, request.Resamples, request.Seed, progress);
            else progress.Done(refits);
            taskFits[k] = new LadderTaskFit
            {
                Task = p.Task.Name, DisplayName = p.Task.DisplayName, Chance = p.Task.Chance,
                Step1Setup = p.Step1Setup, Step2Setup = p.Step2Setup, Fit = fit, Bootstrap = boot,
            };
        });

        var ladderFit = new LadderFit
        {
            Description = description.Name,
            Variant = request.Variant,
            Feature = request.Variant == LadderVariant.Mc ? LadderFeature.Bpb : request.Feature,
            Settings = settings,
            Step2StartA = request.Step2StartA,
            Interval = request.Interval,
            Level = request.Level,
            Resamples = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : null,
            Seed = request.Interval == IntervalMethod.Bootstrap ? request.Seed : null,
            LadderRuns = runs.Select(r => r.Name).ToArray(),
            Tasks = taskFits,
            Targets = targets.Select((tp, t) => new LadderFitTarget
            {
                Name = tp.Name, Parameters = tp.N, Tokens = tp.D, FlopsPerToken = tp.F,
                Actuals = Enumerable.Range(0, tasks.Count).Where(k => actuals[t, k] is not null)
                    .ToDictionary(k => tasks[k].Name, k => actuals[t, k]!, StringComparer.OrdinalIgnoreCase),
            }).ToArray(),
        };
        // The mc variant's step 2 is fitted on each target's own checkpoints: it has no target-independent fit.
        return PredictTargets(ladderFit, taskFits, targets, actuals, mc, request) with
        {
            Fit = request.Variant == LadderVariant.Mc ? null : ladderFit,
            Points = pipelines.Select(p => new LadderTaskPoints(p.Task.Name, p.Task.Label, p.Runs, p.Step1Points, p.Step2Points,
                p.Settings.Step2ExtraPoint ? Step2Data.ExtraPoint : null)).ToArray(),
        };
    }

    internal static void CheckLevel(LadderPredictionRequest request)
    {
        if (!(request.Level > 0 && request.Level < 1))
            throw new InvalidRequestException($"--level must lie strictly between 0 and 1, got {request.Level}");
    }

    internal static IReadOnlyList<LadderTask> ResolveTasks(LadderDescription d, IReadOnlyList<string>? names)
    {
        var list = names is { Count: > 0 } ? names : d.DefaultTasks.Count > 0 ? d.DefaultTasks : d.Tasks.Select(t => t.Name).ToList();
        return list.Distinct(StringComparer.OrdinalIgnoreCase).Select(d.Task).ToArray();
    }

    internal static List<TargetPoint> ResolveTargets(LadderData data, LadderPredictionRequest r)
    {
        if (r.Hypothetical is { Count: > 0 } || r.Parameters is not null || r.Tokens is not null) return HypotheticalTargets(r);
        var runs = r.Targets is { Count: > 0 }
            ? r.Targets.Select(data.Description.Target).ToList()
            : data.Description.Targets.ToList();
        if (runs.Count == 0) throw new InvalidRequestException($"{data.Description.Source}: no target runs; give --params and --tokens");
        return runs.Select(run => TargetPoint.Of(data, run)).ToList();
    }

    private static List<TargetPoint> HypotheticalTargets(LadderPredictionRequest r)
    {
        if (r.Hypothetical is { Count: > 0 } many)
        {
            if (r.Targets is { Count: > 0 } || r.Parameters is not null || r.Tokens is not null || r.FlopsPerToken is not null)
                throw new InvalidRequestException("give either many hypothetical targets (--targets) or --target/--params/--tokens, not both");
            return many.Select(h => TargetPoint.Hypothetical(h.Parameters, h.Tokens, h.FlopsPerToken) with { Name = h.Name }).ToList();
        }
        return [HypotheticalTarget(r)];
    }

    private static TargetPoint HypotheticalTarget(LadderPredictionRequest r)
    {
        if (r.Targets is { Count: > 0 })
            throw new InvalidRequestException("give either --target or --params/--tokens, not both");
        if (r.Parameters is null || r.Tokens is null)
            throw new InvalidRequestException("a hypothetical target needs both --params N and --tokens D");
        return TargetPoint.Hypothetical(r.Parameters.Value, r.Tokens.Value, r.FlopsPerToken);
    }

    /// <summary>The target's actual feature and accuracy, or null when its file lacks the task's columns.</summary>
    internal static TargetActuals? Actuals(LadderData data, TargetPoint target, LadderTask task, LadderSettings s, AccuracyFormat format)
    {
        if (target.Run is null) return null;
        var h = data.History(target.Run.File);
        var feature = s.Feature switch
        {
            LadderFeature.C4 => [new WeightedColumn(data.Description.C4LossColumn)],
            LadderFeature.Ce => task.LogProbability,
            _ => task.Loss,
        };
        var acc = format == AccuracyFormat.Mc ? task.McAccuracy : task.Accuracy;
        if (feature.Count == 0 || acc.Count == 0 || !feature.Concat(acc).All(c => h.HasColumn(c.Column))) return null;
        return TargetActuals.Of(data.Series(target.Run, task, s.Feature, format), s);
    }

    /// <summary>MC step 2 data: the target's intermediate checkpoints, no skip, moving average 5, plus (0, 1).</summary>
    private static Observations McStep2Data(LadderData data, LadderRun target, LadderTask task)
    {
        var s = data.Series(target, task, LadderFeature.Bpb, AccuracyFormat.Mc, target.IntermediateFile);
        var pts = Step2Data.RunPoints(s, 0.0, 5).Append(Step2Data.ExtraPoint).ToArray();
        return Observations.FromColumns(pts.Select(p => p.X).ToArray(), pts.Select(p => p.Y).ToArray());
    }

    private static TargetActuals?[] Column(TargetActuals?[,] a, int k) =>
        Enumerable.Range(0, a.GetLength(0)).Select(t => a[t, k]).ToArray();

    /// <summary>Refits step 1 and step 2 on resamples of the ladder runs (a run brings its step-1 point and all its
    /// step-2 points), from the full-data optimum; keeps the usable refits' parameters in resample order.</summary>
    private static BootstrapFits Refit(TaskPipeline p, TaskFit full, int resamples, int seed, ProgressCounter progress)
    {
        var fits = new ResampleFit?[resamples];
        Parallel.For(0, resamples, Parallelism.PerCore, b =>
        {
            var f = p.Fit(Bootstrap.Resample(p.Runs.Count, seed, b), full, covariance: false, refit: true);
            if (f.Usable) fits[b] = new ResampleFit(b, f.Step1.Fit.Parameters, f.Step2?.Fit.Parameters);
            progress.Done();
        });
        return new BootstrapFits(resamples, seed, fits.OfType<ResampleFit>().ToArray());
    }
}
