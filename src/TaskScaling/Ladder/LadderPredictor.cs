using MathNet.Numerics.Distributions;
using TaskScaling.Data;
using TaskScaling.Numerics;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder;

/// <summary>
/// The ladder method end to end: prepare each task's ladder data, fit step 1 and step 2 (or the variant's
/// form), predict every requested target, compare with what the target actually scored, and attach
/// prediction intervals.
/// <para>Intervals. Delta method: est ± z·SE, z the normal quantile of the level. Step 1: SE_L² = g₁ Σ₁ g₁ᵀ.
/// Step 2 alone: SE² = g₂ Σ₂ g₂ᵀ at the actual loss. Chained: SE² = (∂acc/∂L)² SE_L² + g₂ Σ₂ g₂ᵀ at L̂ —
/// first-order propagation of the step-1 uncertainty through step 2, treating the two fits' parameter
/// estimates as independent (they are fitted separately). Σ is the engine's s²(JᵀJ)⁻¹ at the optimum.
/// Bootstrap: the ladder runs are resampled with replacement (a run brings its step-1 point and all its
/// step-2 points), step 1 and step 2 are refitted on each resample (starting from the full-data optimum),
/// and percentile intervals are reported; resamples whose fits fail are dropped and counted.</para>
/// <para>Every number is made from the tasks' fits alone (<see cref="LadderFit"/>: full-data fits with covariance,
/// the refits' parameters), by the same code for a fresh fit and for a saved one, so a saved fit reproduces the
/// original numbers and computes bootstrap intervals at new targets.</para>
/// </summary>
public static class LadderPredictor
{
    /// <summary>Fits the ladder and predicts the request's targets. The prediction carries the fit
    /// (<see cref="LadderPrediction.Fit"/>), which predicts other targets without the data.</summary>
    public static LadderPrediction Predict(LadderDescription description, PredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        CheckLevel(request);
        if (request.Interval == IntervalMethod.Bootstrap && request.Resamples < 2)
            throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");
        var settings = request.Settings();
        settings.Validate();

        var data = new LadderData(description);
        var tasks = ResolveTasks(description, request.Tasks);
        var targets = ResolveTargets(data, request);
        VariantSupport.Require(data, request, tasks); // refuse, with every reason, what the data cannot support
        if (request.Variant == LadderVariant.Flops && targets.FirstOrDefault(t => t.F is null) is { } noF)
            throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");
        if (request.Variant == LadderVariant.Mc && targets.FirstOrDefault(t => t.Run?.IntermediateFile is null) is { } noMc)
            throw new InvalidRequestException($"the mc variant fits step 2 on the target's intermediate checkpoints; target {noMc.Name} has none (intermediateFile)");
        var runs = description.LadderRuns.ToList();

        // Read and prepare everything first, in order, so that a data error is reported deterministically.
        var pipelines = tasks.Select(t => TaskPipeline.Create(data, t, runs, request.Variant, settings, request.Step2StartA)).ToArray();
        foreach (var p in pipelines) p.RequireEnoughPoints(description.Source);
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
        var mc = new FittedForm?[targets.Count, tasks.Count];
        Parallel.For(0, tasks.Count, k =>
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
            BootstrapFits? boot = null;
            if (fit.Usable && mcUsable && request.Interval == IntervalMethod.Bootstrap)
                boot = Refit(p, fit, request.Resamples, request.Seed);
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
        };
    }

    /// <summary>Predicts from a fit alone (see <see cref="LadderFit.Predict"/>): the same computation as the
    /// prediction the fit came from, so the same numbers.</summary>
    public static LadderPrediction Predict(LadderFit fit, PredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(request);
        CheckLevel(request);
        if (fit.Variant == LadderVariant.Mc)
            throw new InvalidRequestException("an mc-variant fit cannot predict by itself: its step 2 is fitted on each target's own checkpoints");
        static string NeedsRefit(string what) => $"{what}: a different choice needs a refit on the ladder data";
        if (request.Variant != fit.Variant)
            throw new InvalidRequestException(NeedsRefit($"the fit is of the {LadderNames.Of(fit.Variant)} variant, the request asks for {LadderNames.Of(request.Variant)}"));
        if (request.Feature != fit.Feature)
            throw new InvalidRequestException(NeedsRefit($"the fit's feature is {LadderNames.Of(fit.Feature)}, the request asks for {LadderNames.Of(request.Feature)}"));
        if (request.Step1Window is { } w1 && w1 != fit.Settings.Step1Window || request.Step2Window is { } w2 && w2 != fit.Settings.Step2Window)
            throw new InvalidRequestException(NeedsRefit($"the fit's moving-average windows are {fit.Settings.Step1Window} (step 1) and {fit.Settings.Step2Window} (step 2)"));
        if (request.Step2Skip is { } skip && skip != fit.Settings.Step2Skip)
            throw new InvalidRequestException(NeedsRefit(FormattableString.Invariant($"the fit skips {fit.Settings.Step2Skip} of each run in step 2")));
        if (request.Step2StartA is { } a && !(fit.Step2StartA is { } b && a.Equals(b)))
            throw new InvalidRequestException(NeedsRefit("the fit was made from another start of step-2 a"));
        if (request.Interval == IntervalMethod.Bootstrap)
        {
            if (!fit.HasBootstrap)
                throw new InvalidRequestException(
                    $"the fit holds no bootstrap refits (it was made with {LadderNames.Of(fit.Interval)} intervals); refit with bootstrap intervals to save them");
            if (request.Resamples != fit.Resamples || request.Seed != fit.Seed)
                throw new InvalidRequestException(NeedsRefit($"the fit holds {fit.Resamples} bootstrap resamples drawn with seed {fit.Seed}"));
        }

        var tasks = request.Tasks is { Count: > 0 }
            ? request.Tasks.Distinct(StringComparer.OrdinalIgnoreCase).Select(fit.Task).ToArray()
            : fit.Tasks.ToArray();
        List<(TargetPoint Point, LadderFitTarget? Stored)> targets;
        if (request.Parameters is not null || request.Tokens is not null)
            targets = [(HypotheticalTarget(request), null)];
        else
        {
            var stored = request.Targets is { Count: > 0 }
                ? request.Targets.Select(name => fit.Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidRequestException(fit.Targets.Count == 0
                        ? $"the fit stores no targets (unknown target '{name}'); give --params and --tokens"
                        : $"the fit has no target '{name}' (it has: {string.Join(", ", fit.Targets.Select(t => t.Name))})")).ToList()
                : fit.Targets.ToList();
            if (stored.Count == 0) throw new InvalidRequestException("the fit stores no targets; give --params and --tokens");
            targets = stored.Select(s => (new TargetPoint(s.Name, s.Parameters, s.Tokens, s.FlopsPerToken, null), (LadderFitTarget?)s)).ToList();
        }
        if (fit.Variant == LadderVariant.Flops && targets.FirstOrDefault(t => t.Point.F is null) is { Point: { } noF })
            throw new InvalidRequestException($"the flops variant needs FLOPs per token for target {noF.Name} (--flops-per-token)");

        var actuals = new TargetActuals?[targets.Count, tasks.Length];
        for (int t = 0; t < targets.Count; t++)
            for (int k = 0; k < tasks.Length; k++)
                actuals[t, k] = targets[t].Stored?.Actuals.GetValueOrDefault(tasks[k].Task);
        return PredictTargets(fit, tasks, targets.Select(t => t.Point).ToList(), actuals, new FittedForm?[targets.Count, tasks.Length], request) with { Fit = fit };
    }

    private static void CheckLevel(PredictionRequest request)
    {
        if (!(request.Level > 0 && request.Level < 1))
            throw new InvalidRequestException($"--level must lie strictly between 0 and 1, got {request.Level}");
    }

    /// <summary>Every target's prediction from the tasks' fits: the one place where numbers are made, for fresh and saved fits alike.</summary>
    private static LadderPrediction PredictTargets(LadderFit fit, IReadOnlyList<LadderTaskFit> tasks, IReadOnlyList<TargetPoint> targets,
        TargetActuals?[,] actuals, FittedForm?[,] mc, PredictionRequest request)
    {
        var results = new TaskPrediction[targets.Count, tasks.Count];
        Parallel.For(0, tasks.Count, k =>
        {
            var tf = tasks[k];
            var mcK = Enumerable.Range(0, targets.Count).Select(t => mc[t, k]).ToArray();
            BootstrapResult? boot = request.Interval == IntervalMethod.Bootstrap && tf.Bootstrap is { } b && mcK.All(m => m?.Usable ?? true)
                ? BootstrapStatistics(fit.Variant, tf, b, targets, Column(actuals, k), mcK)
                : null;
            for (int t = 0; t < targets.Count; t++)
                results[t, k] = Describe(fit.Variant, tf, targets[t], actuals[t, k], mcK[t], request, boot, t);
        });
        return new LadderPrediction
        {
            Variant = fit.Variant,
            Feature = fit.Feature,
            Settings = fit.Settings,
            Interval = request.Interval,
            Level = request.Level,
            Resamples = request.Interval == IntervalMethod.Bootstrap ? request.Resamples : null,
            Targets = targets.Select((tp, t) => new TargetPrediction
            {
                Target = tp.Name, Parameters = tp.N, Tokens = tp.D, Compute = tp.Compute,
                Tasks = Enumerable.Range(0, tasks.Count).Select(k => results[t, k]).ToArray(),
            }).ToArray(),
        };
    }

    public static IReadOnlyList<LadderTask> ResolveTasks(LadderDescription d, IReadOnlyList<string>? names)
    {
        var list = names is { Count: > 0 } ? names : d.DefaultTasks.Count > 0 ? d.DefaultTasks : d.Tasks.Select(t => t.Name).ToList();
        return list.Distinct(StringComparer.OrdinalIgnoreCase).Select(d.Task).ToArray();
    }

    private static List<TargetPoint> ResolveTargets(LadderData data, PredictionRequest r)
    {
        if (r.Parameters is not null || r.Tokens is not null) return [HypotheticalTarget(r)];
        var runs = r.Targets is { Count: > 0 }
            ? r.Targets.Select(data.Description.Target).ToList()
            : data.Description.Targets.ToList();
        if (runs.Count == 0) throw new InvalidRequestException($"{data.Description.Source}: no target runs; give --params and --tokens");
        return runs.Select(run => TargetPoint.Of(data, run)).ToList();
    }

    private static TargetPoint HypotheticalTarget(PredictionRequest r)
    {
        if (r.Targets is { Count: > 0 })
            throw new InvalidRequestException("give either --target or --params/--tokens, not both");
        if (r.Parameters is null || r.Tokens is null)
            throw new InvalidRequestException("a hypothetical target needs both --params N and --tokens D");
        return TargetPoint.Hypothetical(r.Parameters.Value, r.Tokens.Value, r.FlopsPerToken);
    }

    /// <summary>The target's actual feature and accuracy, or null when its file lacks the task's columns.</summary>
    private static TargetActuals? Actuals(LadderData data, TargetPoint target, LadderTask task, LadderSettings s, AccuracyFormat format)
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
    private static BootstrapFits Refit(TaskPipeline p, TaskFit full, int resamples, int seed)
    {
        var fits = new ResampleFit?[resamples];
        Parallel.For(0, resamples, b =>
        {
            var f = p.Fit(Bootstrap.Resample(p.Runs.Count, seed, b), full, covariance: false, refit: true);
            if (f.Usable) fits[b] = new ResampleFit(b, f.Step1.Fit.Parameters, f.Step2?.Fit.Parameters);
        });
        return new BootstrapFits(resamples, seed, fits.OfType<ResampleFit>().ToArray());
    }

    /// <summary>Per resample and target three statistics: predicted loss, predicted accuracy, step-2 accuracy at the
    /// actual loss (0 where not applicable, so that the resample is not dropped). A resample with a non-finite
    /// statistic is dropped and counted as failed, like one whose fits failed.</summary>
    private static BootstrapResult BootstrapStatistics(LadderVariant variant, LadderTaskFit tf, BootstrapFits boot,
        IReadOnlyList<TargetPoint> targets, TargetActuals?[] actuals, FittedForm?[] mc)
    {
        var step1 = tf.Fit.Step1.Model;
        var rows = new List<double[]>(boot.Fits.Count);
        foreach (var r in boot.Fits)
        {
            var v = new double[3 * targets.Count];
            for (int t = 0; t < targets.Count; t++)
            {
                var x = Step1Input(variant, targets[t].N, targets[t].D, targets[t].F ?? double.NaN);
                double s1 = step1.Evaluate(x, r.Step1);
                if (PredictsAccuracyDirectly(variant)) { v[3 * t + 1] = s1; continue; }
                var (model, p) = mc[t] is { } m ? (m.Model, m.Fit.Parameters) : (tf.Fit.Step2!.Model, r.Step2!);
                v[3 * t] = s1;
                v[3 * t + 1] = model.Evaluate([s1], p);
                if (actuals[t] is { } a && mc[t] is null) v[3 * t + 2] = model.Evaluate([a.Step2Loss], p);
            }
            if (v.All(double.IsFinite)) rows.Add(v);
        }
        return new BootstrapResult(rows.ToArray(), boot.Resamples - rows.Count);
    }

    /// <summary>The step-1 input of a target: (N, D), or (C = D·F) for the FLOPs variant (as <see cref="TaskPipeline.Step1Input"/>).</summary>
    internal static double[] Step1Input(LadderVariant variant, double n, double d, double f) =>
        variant == LadderVariant.Flops ? [d * f] : [n, d];

    /// <summary>True when step 1 predicts accuracy directly (single-step, direct accuracy).</summary>
    internal static bool PredictsAccuracyDirectly(LadderVariant variant) =>
        variant is LadderVariant.SingleStep or LadderVariant.DirectAccuracy;

    private static TaskPrediction Describe(LadderVariant variant, LadderTaskFit tf, TargetPoint target, TargetActuals? actual,
        FittedForm? mc, PredictionRequest r, BootstrapResult? boot, int t)
    {
        var fit = tf.Fit;
        bool direct = PredictsAccuracyDirectly(variant);
        var basic = new TaskPrediction { Task = tf.Task, DisplayName = tf.DisplayName };
        var step2 = mc ?? fit.Step2;
        if (!fit.Usable || mc is { Usable: false })
            return basic with
            {
                Status = PredictionStatus.Failed,
                Message = fit.Problem ?? $"MC step 2 fit failed: {mc!.Fit.Message}",
                Actual = actual?.Accuracy,
                ActualLoss = direct ? null : actual?.Step1Loss,
            };

        double z = Normal.InvCDF(0, 1, 0.5 + r.Level / 2);
        var x = Step1Input(variant, target.N, target.D, target.F ?? double.NaN);
        double s1 = fit.Step1.Predict(x);
        bool delta = r.Interval == IntervalMethod.Delta;
        var result = basic with
        {
            Message = fit.Note,
            Step1Parameters = fit.Step1.Parameters,
            Step2Parameters = step2?.Parameters,
            FailedResamples = boot?.Failed ?? 0,
        };

        if (direct)
        {
            var (lo, hi) = Interval(s1, delta ? fit.Step1.StandardError(x) : double.NaN, z, boot, 3 * t + 1, r, clampAccuracy: true);
            return WithAccuracy(result, s1, lo, hi, actual?.Accuracy) with { Step1FitError = fit.Step1FitError };
        }

        // Step 1 alone.
        var (llo, lhi) = Interval(s1, delta ? fit.Step1.StandardError(x) : double.NaN, z, boot, 3 * t, r);
        result = result with
        {
            PredictedLoss = s1, LossLower = llo, LossUpper = lhi, Step1FitError = fit.Step1FitError,
            ActualLoss = actual?.Step1Loss,
            LossRelativeError = actual is { } a1 ? (s1 - a1.Step1Loss) / a1.Step1Loss : null,
        };

        // Chained: SE² = (∂acc/∂L)² SE_L² + g₂ Σ₂ g₂ᵀ.
        double acc = step2!.Predict(s1);
        double seChained = double.NaN;
        if (delta)
        {
            double seL = fit.Step1.StandardError(x), dAcc = step2.InputDerivative(s1), se2 = step2.StandardError(s1);
            seChained = Math.Sqrt(dAcc * dAcc * seL * seL + se2 * se2);
        }
        var (clo, chi) = Interval(acc, seChained, z, boot, 3 * t + 1, r, clampAccuracy: true);
        result = WithAccuracy(result, acc, clo, chi, actual?.Accuracy);

        // Step 2 alone at the actual loss (not for MC: its step 2 is fitted on the target itself).
        if (actual is { } a2 && mc is null)
        {
            double s2 = step2.Predict(a2.Step2Loss);
            var (slo, shi) = Interval(s2, delta ? step2.StandardError(a2.Step2Loss) : double.NaN, z, boot, 3 * t + 2, r, clampAccuracy: true);
            result = result with
            {
                Step2Predicted = s2, Step2Lower = slo, Step2Upper = shi,
                Step2AbsoluteError = Math.Abs(s2 - a2.Accuracy) * 100,
                Step2RelativeError = (s2 - a2.Accuracy) / a2.Accuracy,
            };
        }
        return result;
    }

    private static TaskPrediction WithAccuracy(TaskPrediction r, double predicted, double? lower, double? upper, double? actual) => r with
    {
        Predicted = predicted, Lower = lower, Upper = upper, Actual = actual,
        AbsoluteError = actual is { } a ? Math.Abs(predicted - a) * 100 : null,
        RelativeError = actual is { } b ? Math.Abs(predicted - b) / b : null,
    };

    /// <summary>Delta: est ± z·SE; bootstrap: percentile interval. Accuracy intervals are clipped to [0, 1].</summary>
    private static (double?, double?) Interval(double est, double se, double z, BootstrapResult? boot, int k, PredictionRequest r, bool clampAccuracy = false)
    {
        double lo, hi;
        switch (r.Interval)
        {
            case IntervalMethod.Delta when double.IsFinite(se):
                (lo, hi) = (est - z * se, est + z * se);
                break;
            case IntervalMethod.Bootstrap when boot is not null && boot.Samples.Length > 1:
                (lo, hi) = boot.PercentileInterval(k, r.Level);
                break;
            default:
                return (null, null);
        }
        if (clampAccuracy) (lo, hi) = (Math.Clamp(lo, 0, 1), Math.Clamp(hi, 0, 1));
        return (lo, hi);
    }
}
