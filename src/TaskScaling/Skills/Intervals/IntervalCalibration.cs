namespace TaskScaling.Skills;

/// <summary>
/// The extrapolation error of a method measured by leave-family-out on the training families: every calibration family keeps
/// its <see cref="GivenModels"/> smallest models and its larger ones are predicted by an ensemble member that did not see them.
/// Half-width of benchmark j at level 1 − α: h_j = q·s_j, where s_j = family-averaged mean |y − ŷ| of benchmark j (mean over a
/// family's held-out models, then over families, as the paper's MAE) and q = the weighted quantile, at min(1, (1 − α)(1 + 1/F)),
/// of the pooled normalised errors |y − ŷ|/s_j over all benchmarks, each family weighing 1/F in total (F calibration families).
/// Pooling the shape over benchmarks and keeping a scale per benchmark lets a dozen families calibrate twelve benchmarks; the
/// (1 + 1/F) factor is split conformal's finite-sample correction with the family as the exchangeable unit.
/// </summary>
public sealed record IntervalCalibration
{
    /// <summary>Models each calibration family kept for training.</summary>
    public required int GivenModels { get; init; }
    public required IReadOnlyList<string> Benchmarks { get; init; }
    public required IReadOnlyList<CalibrationResidual> Residuals { get; init; }

    /// <summary>Calibration families, in order of first appearance.</summary>
    public IReadOnlyList<string> Families => Residuals.Select(r => r.Family).Distinct().ToArray();

    /// <summary>s_j: family-averaged mean absolute error of benchmark j (fraction).</summary>
    public double Scale(int benchmark)
    {
        var perFamily = Residuals.Where(r => r.Benchmark == benchmark).GroupBy(r => r.Family, StringComparer.Ordinal).Select(g => g.Average(r => r.Error)).ToArray();
        return perFamily.Length == 0 ? 0 : perFamily.Average();
    }

    /// <summary>q: the conformal quantile of the normalised errors at <paramref name="level"/> (e.g. 0.9).</summary>
    public double Quantile(double level)
    {
        if (!(level > 0 && level < 1)) throw new InvalidRequestException("--level must lie strictly between 0 and 1");
        var families = Residuals.GroupBy(r => r.Family, StringComparer.Ordinal).ToArray();
        if (families.Length == 0) return double.NaN;
        var scales = Enumerable.Range(0, Benchmarks.Count).Select(Scale).ToArray();
        var cells = new List<(double Value, double Weight)>();
        foreach (var f in families)
        {
            double w = 1.0 / (families.Length * f.Count());
            foreach (var r in f) cells.Add((scales[r.Benchmark] > 0 ? r.Error / scales[r.Benchmark] : 0, w));
        }
        cells.Sort((a, b) => a.Value.CompareTo(b.Value));
        double tau = Math.Min(1, level * (1 + 1.0 / families.Length)), cum = 0;
        foreach (var (v, w) in cells)
        {
            cum += w;
            if (cum >= tau - 1e-12) return v;
        }
        return cells[^1].Value;
    }

    /// <summary>h_j = q·s_j (fraction).</summary>
    public double HalfWidth(int benchmark, double level) => Quantile(level) * Scale(benchmark);
}
