namespace TaskScaling.Numerics.Nist;

/// <summary>
/// The log relative error of McCullough (1998), the number of correct significant digits of an estimate:
/// LRE = −log₁₀(|est − cert| / |cert|), or −log₁₀|est| when cert = 0. It is capped at the certified
/// digits (NIST certifies 11; an estimate equal to the certified value scores the cap) and floored at 0
/// (no correct digit, or a non-finite estimate).
/// </summary>
public static class LogRelativeError
{
    /// <summary>The number of significant digits NIST StRD certifies.</summary>
    public const double CertifiedDigits = 11;

    public static double Of(double estimate, double certified, double cap = CertifiedDigits)
    {
        if (!double.IsFinite(estimate)) return 0;
        double err = certified == 0 ? Math.Abs(estimate) : Math.Abs(estimate - certified) / Math.Abs(certified);
        if (err == 0) return cap;
        return Math.Clamp(-Math.Log10(err), 0, cap);
    }

    /// <summary>The worst (smallest) LRE over paired estimates and certified values.</summary>
    public static double Worst(ReadOnlySpan<double> estimates, ReadOnlySpan<double> certified, double cap = CertifiedDigits)
    {
        double worst = cap;
        for (int i = 0; i < certified.Length; i++) worst = Math.Min(worst, Of(estimates[i], certified[i], cap));
        return worst;
    }
}
