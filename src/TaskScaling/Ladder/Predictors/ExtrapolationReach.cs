namespace TaskScaling.Ladder;

/// <summary>How far the fitted runs reach: the largest N, D and compute among them (compute D·F when <paramref name="UseF"/>,
/// else 6·N·D); what a point's extrapolation distances are measured from.</summary>
internal readonly record struct ExtrapolationReach(double MaxN, double MaxD, double MaxCompute, bool UseF)
{
    public static ExtrapolationReach Of(IReadOnlyList<RunInput> fitted, bool useF) =>
        new(fitted.Max(p => p.N), fitted.Max(p => p.D), fitted.Max(p => p.Compute(useF)), useF);

    /// <summary>The extrapolation distance log10(C / max C fitted) and the calibration's Δ = max(0, log10 of the C, N and D
    /// ratios to the largest fitted): positive whenever the point lies beyond the fitted runs in any of them.</summary>
    public (double Distance, double Calibration) Distances(RunInput x)
    {
        double c = Math.Log10(x.Compute(UseF) / MaxCompute);
        double n = Math.Log10(x.N / MaxN), d = Math.Log10(x.D / MaxD);
        double delta = Math.Max(0, Math.Max(n, d));
        return (c, double.IsFinite(c) ? Math.Max(delta, c) : delta);   // a target without F: N and D only
    }
}
