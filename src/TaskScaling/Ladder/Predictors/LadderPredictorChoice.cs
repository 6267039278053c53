namespace TaskScaling.Ladder;

/// <summary>
/// The predictor that makes a task's numbers in a saved fit: its kind (auto saves the kind it chose), its backtest mean
/// absolute error (behind auto's choice and the predictability flag), κ of its calibrated interval
/// σ² = σ_param² + (κ·Δ)² at the fit's level, and its members: the kind's own fit, or the ensemble's members with weights.
/// </summary>
public sealed record LadderPredictorChoice
{
    public required LadderPredictorKind Predictor { get; init; }
    /// <summary>Backtest mean absolute error of <see cref="Predictor"/> on the task (a fraction); null without a backtest.</summary>
    public double? BacktestError { get; init; }
    /// <summary>κ of the calibrated interval at the fit's level; null when the fit was made without calibrated intervals,
    /// NaN when the backtest had no usable fold.</summary>
    public double? Kappa { get; init; }
    /// <summary>A note shown with the task's prediction (e.g. auto's fallback to two-step).</summary>
    public string? Note { get; init; }
    public required IReadOnlyList<LadderPredictorMember> Members { get; init; }
}
