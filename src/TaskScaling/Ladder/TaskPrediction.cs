using System.Text.Json.Serialization;

namespace TaskScaling.Ladder;

/// <summary>Whether a task's fits worked.</summary>
public enum PredictionStatus { Ok, Failed }

/// <summary>
/// One task's prediction for one target. Accuracies and errors are fractions (points, ×100, only in
/// human tables). Null where a number does not apply (no actual in the data, a variant without a
/// loss step, a failed fit). Intervals are at the request's level.
/// </summary>
public sealed record TaskPrediction
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }
    public PredictionStatus Status { get; init; } = PredictionStatus.Ok;
    /// <summary>Why the task failed, or notes about a fit (e.g. iteration limit reached).</summary>
    public string? Message { get; init; }
    /// <summary>Why the numbers are less certain than they look (a parameter at a bound of its form, a zero-width
    /// interval), one sentence each; null when there is none (and then left out of JSON).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    // Chained (or single-step) accuracy.
    public double? Predicted { get; init; }
    public double? Actual { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    /// <summary>|predicted − actual|, a fraction.</summary>
    public double? AbsoluteError { get; init; }
    /// <summary>|predicted − actual| / actual.</summary>
    public double? RelativeError { get; init; }

    // Step 1 alone: the feature (task loss) at the target.
    public double? PredictedLoss { get; init; }
    public double? ActualLoss { get; init; }
    public double? LossLower { get; init; }
    public double? LossUpper { get; init; }
    /// <summary>Signed (predicted − actual) / actual of the loss.</summary>
    public double? LossRelativeError { get; init; }
    /// <summary>Mean over the ladder points of |L̂ − L| / L (the reference's step-1 fit error).</summary>
    public double? Step1FitError { get; init; }

    // Step 2 alone: accuracy at the target's actual loss.
    public double? Step2Predicted { get; init; }
    public double? Step2Lower { get; init; }
    public double? Step2Upper { get; init; }
    /// <summary>|step-2 prediction − actual|, a fraction.</summary>
    public double? Step2AbsoluteError { get; init; }
    /// <summary>Signed (step-2 prediction − actual) / actual.</summary>
    public double? Step2RelativeError { get; init; }

    public IReadOnlyDictionary<string, double>? Step1Parameters { get; init; }
    public IReadOnlyDictionary<string, double>? Step2Parameters { get; init; }
    // Set by the predictors (--predictor other than a variant with delta, bootstrap or none intervals); null otherwise.
    /// <summary>The predictor that made the numbers (a <see cref="LadderNames"/> name, e.g. "two-step"; auto names its choice).</summary>
    public string? Predictor { get; init; }
    /// <summary>The method of <see cref="Lower"/>–<see cref="Upper"/> (a <see cref="LadderNames"/> name, e.g. "calibrated").</summary>
    public string? IntervalMethod { get; init; }
    /// <summary>Whether the actual lies inside the interval (null without an actual or an interval).</summary>
    public bool? Covered { get; init; }
    /// <summary>The predictor's backtest mean absolute error on this task (a fraction), behind auto's choice.</summary>
    public double? BacktestError { get; init; }
    /// <summary>The calibration's extrapolation distance Δ of the target and κ (calibrated intervals).</summary>
    public double? ExtrapolationDistance { get; init; }
    public double? Kappa { get; init; }
    /// <summary>Noise, signal and whether the prediction stands out of the noise (predictors; null otherwise).</summary>
    public TaskPredictability? Predictability { get; init; }

    /// <summary>Bootstrap resamples whose fits failed (dropped).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int FailedResamples { get; init; }
}
