namespace TaskScaling.Numerics.Uncertainty;

/// <summary>
/// Calibration of prediction intervals that widen with extrapolation distance: σ² = σ_param² + (κ·Δ)², interval
/// est ± z·σ. Given held-out residuals r_i with their parameter standard errors σ_i and distances Δ_i, κ is the
/// smallest value at which a fraction ≥ level of them is covered: residual i is covered from
/// κ_i = sqrt(max(0, r_i²/z² − σ_i²)) / Δ_i on (0 when σ_i alone covers it; +∞ when Δ_i ≤ 0 and it does not), so κ is
/// the ⌈level·n⌉-th smallest κ_i (an empirical quantile, exact on the calibration set).
/// </summary>
public static class ExtrapolationCalibration
{
    /// <summary>κ for the residuals (NaN σ counts as 0); +∞ when the level cannot be reached at any finite κ,
    /// NaN when there are no residuals.</summary>
    public static double Kappa(IReadOnlyList<double> residuals, IReadOnlyList<double> standardErrors, IReadOnlyList<double> distances, double z, double level)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(standardErrors);
        ArgumentNullException.ThrowIfNull(distances);
        int n = residuals.Count;
        if (n == 0) return double.NaN;
        var needed = new double[n];
        for (int i = 0; i < n; i++)
        {
            double se = double.IsFinite(standardErrors[i]) ? standardErrors[i] : 0;
            double excess = residuals[i] * residuals[i] / (z * z) - se * se;
            needed[i] = excess <= 0 ? 0 : distances[i] > 0 ? Math.Sqrt(excess) / distances[i] : double.PositiveInfinity;
        }
        Array.Sort(needed);
        int k = Math.Clamp((int)Math.Ceiling(level * n - 1e-9), 1, n);
        return needed[k - 1];
    }

    /// <summary>The calibrated standard error sqrt(σ² + (κ·Δ)²) (NaN σ counts as 0).</summary>
    public static double StandardError(double parameterSe, double kappa, double distance)
    {
        double se = double.IsFinite(parameterSe) ? parameterSe : 0;
        double ext = kappa * Math.Max(distance, 0);
        return kappa == 0 ? se : Math.Sqrt(se * se + ext * ext);
    }

    /// <summary>Winkler interval score of [lower, upper] at miscoverage α for the actual y: width + (2/α)·(distance outside).</summary>
    public static double IntervalScore(double lower, double upper, double actual, double alpha) =>
        upper - lower + 2 / alpha * (Math.Max(0, lower - actual) + Math.Max(0, actual - upper));
}
