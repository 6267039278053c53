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
/// </summary>
public static class LadderPredictor
{
    public static LadderPrediction Predict(LadderDescription description, PredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.Level > 0 && request.Level < 1))
            throw new InvalidRequestException($"--level must lie strictly between 0 and 1, got {request.Level}");
        if (request.Interval == IntervalMethod.Bootstrap && request.Resamples < 2)
            throw new InvalidRequestException($"--resamples must be at least 2, got {request.Resamples}");
        var settings = request.Settings();
        settings.Validate();

        var data = new LadderData(description);
        var tasks = ResolveTasks(description, request.Tasks);
        var targets = ResolveTargets(data, request);
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

        var results = new TaskPrediction[targets.Count, tasks.Count];
        Parallel.For(0, tasks.Count, k =>
        {
            var p = pipelines[k];
            var fit = p.Fit(p.AllRuns, covariance: request.Interval == IntervalMethod.Delta);
            var mc = new FittedForm?[targets.Count];
            for (int t = 0; t < targets.Count; t++)
                if (mcData[t, k] is { } obs) mc[t] = LadderForms.Step2Mc(p.Task.Chance).Fit(obs, covariance: request.Interval == IntervalMethod.Delta);
            BootstrapResult? boot = null;
            if (fit.Usable && mc.All(m => m?.Usable ?? true) && request.Interval == IntervalMethod.Bootstrap)
                boot = BootstrapTask(p, fit, targets, Column(actuals, k), mc, request);
            for (int t = 0; t < targets.Count; t++)
                results[t, k] = Describe(p, fit, targets[t], actuals[t, k], mc[t], request, boot, t);
        });

        return new LadderPrediction
        {
            Variant = request.Variant,
            Feature = request.Variant == LadderVariant.Mc ? LadderFeature.Bpb : request.Feature,
            Settings = settings,
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
        if (r.Parameters is not null || r.Tokens is not null)
        {
            if (r.Targets is { Count: > 0 })
                throw new InvalidRequestException("give either --target or --params/--tokens, not both");
            if (r.Parameters is null || r.Tokens is null)
                throw new InvalidRequestException("a hypothetical target needs both --params N and --tokens D");
            return [TargetPoint.Hypothetical(r.Parameters.Value, r.Tokens.Value, r.FlopsPerToken)];
        }
        var runs = r.Targets is { Count: > 0 }
            ? r.Targets.Select(data.Description.Target).ToList()
            : data.Description.Targets.ToList();
        if (runs.Count == 0) throw new InvalidRequestException($"{data.Description.Source}: no target runs; give --params and --tokens");
        return runs.Select(run => TargetPoint.Of(data, run)).ToList();
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

    /// <summary>Per target three statistics: predicted loss, predicted accuracy, step-2 accuracy at the actual loss
    /// (0 where not applicable, so that the resample is not dropped).</summary>
    private static BootstrapResult BootstrapTask(TaskPipeline p, TaskFit full, IReadOnlyList<TargetPoint> targets,
        TargetActuals?[] actuals, FittedForm?[] mc, PredictionRequest r) =>
        Bootstrap.Run(p.Runs.Count, idx =>
        {
            var f = p.Fit(idx, full, covariance: false, refit: true);
            if (!f.Usable) return null;
            var v = new double[3 * targets.Count];
            for (int t = 0; t < targets.Count; t++)
            {
                var x = p.Step1Input(targets[t].N, targets[t].D, targets[t].F ?? double.NaN);
                double s1 = f.Step1.Predict(x);
                if (p.PredictsAccuracyDirectly) { v[3 * t + 1] = s1; continue; }
                var step2 = mc[t] ?? f.Step2!;
                v[3 * t] = s1;
                v[3 * t + 1] = step2.Predict(s1);
                if (actuals[t] is { } a && mc[t] is null) v[3 * t + 2] = step2.Predict(a.Step2Loss);
            }
            return v;
        }, r.Resamples, r.Seed);

    private static TaskPrediction Describe(TaskPipeline p, TaskFit fit, TargetPoint target, TargetActuals? actual,
        FittedForm? mc, PredictionRequest r, BootstrapResult? boot, int t)
    {
        var task = p.Task;
        var basic = new TaskPrediction { Task = task.Name, DisplayName = task.DisplayName };
        var step2 = mc ?? fit.Step2;
        if (!fit.Usable || mc is { Usable: false })
            return basic with
            {
                Status = PredictionStatus.Failed,
                Message = fit.Problem ?? $"MC step 2 fit failed: {mc!.Fit.Message}",
                Actual = actual?.Accuracy,
                ActualLoss = p.PredictsAccuracyDirectly ? null : actual?.Step1Loss,
            };

        double z = Normal.InvCDF(0, 1, 0.5 + r.Level / 2);
        var x = p.Step1Input(target.N, target.D, target.F ?? double.NaN);
        double s1 = fit.Step1.Predict(x);
        bool delta = r.Interval == IntervalMethod.Delta;
        var result = basic with
        {
            Message = fit.Note,
            Step1Parameters = fit.Step1.Parameters,
            Step2Parameters = step2?.Parameters,
            FailedResamples = boot?.Failed ?? 0,
        };

        if (p.PredictsAccuracyDirectly)
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
