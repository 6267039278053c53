namespace TaskScaling.Ladder;

/// <summary>Where a predictor is evaluated: N, D and FLOPs per token F (NaN when unknown).</summary>
internal readonly record struct RunInput(double N, double D, double F)
{
    /// <summary>Training compute: D·F when <paramref name="useF"/> (every ladder run has F), else the 6·N·D approximation.</summary>
    public double Compute(bool useF) => useF ? D * F : 6 * N * D;

    public static RunInput Of(Step1Point p) => new(p.N, p.D, p.F);
}
