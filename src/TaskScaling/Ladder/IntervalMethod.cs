namespace TaskScaling.Ladder;

/// <summary>How prediction intervals are computed.</summary>
public enum IntervalMethod
{
    None,
    /// <summary>Delta method: est ± z·SE with SE² = g Σ gᵀ (chained: plus (∂acc/∂L)² SE_L²).</summary>
    Delta,
    /// <summary>Percentile bootstrap over ladder runs (each resample refits step 1 and step 2).</summary>
    Bootstrap,
    /// <summary>Delta-method SE widened by an extrapolation term learned from the ladder's own backtest:
    /// σ² = σ_param² + (κ·Δ)² (<see cref="Backtest.LadderBacktest"/>).</summary>
    Calibrated,
}
