namespace TaskScaling.Ladder;

/// <summary>
/// The parameters of one task's bootstrap refits: one entry per resample whose fits were usable, in resample
/// order; the others failed and are counted. Enough to recompute percentile intervals at any target.
/// </summary>
/// <param name="Resamples">How many resamples were drawn (usable or not).</param>
/// <param name="Seed">The seed they were drawn with (<see cref="Numerics.Uncertainty.Bootstrap.Resample"/>).</param>
public sealed record BootstrapFits(int Resamples, int Seed, IReadOnlyList<ResampleFit> Fits)
{
    /// <summary>Resamples whose fits failed.</summary>
    public int FailedFits => Resamples - Fits.Count;
}

/// <summary>The refitted parameters on resample <paramref name="Index"/>: step 1, and step 2 when the variant has one.</summary>
public sealed record ResampleFit(int Index, double[] Step1, double[]? Step2);
