using MathNet.Numerics.Distributions;
using TaskScaling.Numerics;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder;

/// <summary>
/// Every number of a prediction, made from the tasks' fits alone, and its interval.
/// <para>Delta method: est ± z·SE, z the normal quantile of the level. Step 1: SE_L² = g₁ Σ₁ g₁ᵀ.
/// Step 2 alone: SE² = g₂ Σ₂ g₂ᵀ at the actual loss. Chained: SE² = (∂acc/∂L)² SE_L² + g₂ Σ₂ g₂ᵀ at L̂ —
/// first-order propagation of the step-1 uncertainty through step 2, treating the two fits' parameter
/// estimates as independent (they are fitted separately). Σ is the engine's s²(JᵀJ)⁻¹ at the optimum.
/// Bootstrap: the ladder runs are resampled with replacement (a run brings its step-1 point and all its
/// step-2 points), step 1 and step 2 are refitted on each resample (starting from the full-data optimum),
/// and percentile intervals are reported; resamples whose fits fail are dropped and counted.</para>
/// </summary>
public static partial class LadderPredictor
{
    /// <summary>Every target's prediction from the tasks' fits: the one place where numbers are made, for fresh and saved fits alike.</summary>
    internal static LadderPrediction PredictTargets(LadderFit fit, IReadOnlyList<LadderTaskFit> tasks, IReadOnlyList<TargetPoint> targets,
        TargetActuals?[,] actuals, FittedForm?[,] mc, LadderPredictionRequest request)
    {
        var results = new TaskPrediction[targets.Count, tasks.Count];
        Parallel.For(0, tasks.Count, Parallelism.PerCore, k =>
        {
            var tf = tasks[k];
            var mcK = Enumerable.Range(0, targets.Count).Select(t => mc[t, k]).ToArray();
            BootstrapResult? boot = request.Interval == IntervalMethod.Bootstrap && tf.Bootstrap is { } b && mcK.All(m => m?.Usable ?? true)
                ? BootstrapStatistics(fit.Variant, tf, b, targets, Column(actuals, k), mcK)
                : null;
            for (int t = 0; t < targets.Count; t++)
                results[t, k] = FitWarnings.Add(Describe(fit.Variant, tf, targets[t], actuals[t, k], mcK[t], request, boot, t), fit.Variant, tf, mcK[t], request.Level);
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
        FittedForm? mc, LadderPredictionRequest r, BootstrapResult? boot, int t)
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
        if (delta) seChained = ChainedStandardError(fit.Step1, step2, x, s1);
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
                Step2AbsoluteError = Math.Abs(s2 - a2.Accuracy),
                Step2RelativeError = (s2 - a2.Accuracy) / a2.Accuracy,
            };
        }
        return result;
    }

    /// <summary>Delta-method SE of the chained accuracy at step-1 input x (L̂ = s1): SE² = (∂acc/∂L)² SE_L² + g₂ Σ₂ g₂ᵀ.</summary>
    internal static double ChainedStandardError(FittedForm step1, FittedForm step2, double[] x, double s1)
    {
        double seL = step1.StandardError(x), dAcc = step2.InputDerivative(s1), se2 = step2.StandardError(s1);
        return Math.Sqrt(dAcc * dAcc * seL * seL + se2 * se2);
    }

    /// <summary>A usable fit's accuracy at (N, D, F) and its delta-method SE (NaN without covariance): chained through
    /// step 2, or step 1 itself for the variants that predict accuracy directly. What <see cref="Describe"/> reports.</summary>
    internal static Estimate AccuracyEstimate(LadderVariant variant, TaskFit fit, double n, double d, double f)
    {
        var x = Step1Input(variant, n, d, f);
        double s1 = fit.Step1.Predict(x);
        if (PredictsAccuracyDirectly(variant)) return new Estimate(s1, fit.Step1.StandardError(x));
        return new Estimate(fit.Step2!.Predict(s1), ChainedStandardError(fit.Step1, fit.Step2, x, s1));
    }

    internal static TaskPrediction WithAccuracy(TaskPrediction r, double predicted, double? lower, double? upper, double? actual) => r with
    {
        Predicted = predicted, Lower = lower, Upper = upper, Actual = actual,
        AbsoluteError = actual is { } a ? Math.Abs(predicted - a) : null,
        RelativeError = actual is { } b ? Math.Abs(predicted - b) / b : null,
    };

    /// <summary>Delta: est ± z·SE; bootstrap: percentile interval. Accuracy intervals are clipped to [0, 1].</summary>
    private static (double?, double?) Interval(double est, double se, double z, BootstrapResult? boot, int k, LadderPredictionRequest r, bool clampAccuracy = false)
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
