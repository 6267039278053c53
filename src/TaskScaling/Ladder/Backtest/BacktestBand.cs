using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder.Backtest;

/// <summary>
/// One predictor's calibrated band in its backtest, pooled over every task: κ of σ² = σ̄² + (κ·Δ)² from all its usable
/// held-out rows (<see cref="ExtrapolationCalibration.Kappa"/>, no size left out) and the typical parameter SE
/// σ̄ = sqrt(mean σᵢ²); the band is 0 ± z·sqrt(σ̄² + (κ·Δ)²). What the report draws around the backtest errors.
/// </summary>
public sealed record BacktestBand
{
    public required LadderPredictorKind Predictor { get; init; }
    /// <summary>Usable held-out rows behind κ and σ̄.</summary>
    public required int Count { get; init; }
    /// <summary>NaN without rows; +∞ when no finite κ reaches the level.</summary>
    public required double Kappa { get; init; }
    /// <summary>σ̄ = sqrt(mean σᵢ²) of the rows' parameter SEs (a fraction; an undefined SE counts as 0).</summary>
    public required double ParameterSe { get; init; }
    public required double Z { get; init; }
    public required double Level { get; init; }

    /// <summary>z·sqrt(σ̄² + (κ·max(0, Δ))²) at the distance Δ (a fraction).</summary>
    public double HalfWidth(double distance) => Z * ExtrapolationCalibration.StandardError(ParameterSe, Kappa, distance);

    /// <summary>The band of every kind from the engine's rows.</summary>
    internal static IReadOnlyList<BacktestBand> Of(BacktestEngine engine, IEnumerable<LadderPredictorKind> kinds) => kinds.Select(kind =>
    {
        var rows = Enumerable.Range(0, engine.Tasks.Count).SelectMany(t => engine.OkRows(kind, t, null)).ToArray();
        var se = rows.Select(r => double.IsFinite(r.Estimate!.Value.Se) ? r.Estimate!.Value.Se : 0).ToArray();
        return new BacktestBand
        {
            Predictor = kind, Count = rows.Length, Z = engine.Z, Level = engine.Level,
            Kappa = ExtrapolationCalibration.Kappa(rows.Select(r => r.Residual).ToArray(), se, rows.Select(r => r.CalibrationDistance).ToArray(), engine.Z, engine.Level),
            ParameterSe = rows.Length == 0 ? double.NaN : Math.Sqrt(se.Average(s => s * s)),
        };
    }).ToArray();
}
