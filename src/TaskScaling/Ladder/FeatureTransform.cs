using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>
/// A transform applied to each column of a task's intermediate feature before the columns are averaged,
/// so that any metric can serve as a loss (lower is better): e.g. <see cref="Log"/> turns a perplexity into a
/// cross-entropy (log-perplexity), <see cref="Negate"/> turns a log-likelihood into a loss.
/// </summary>
public enum FeatureTransform
{
    /// <summary>x as it is (bits per byte, a cross-entropy).</summary>
    Identity,
    /// <summary>ln x (x must be positive), e.g. log-perplexity = cross-entropy in nats.</summary>
    Log,
    /// <summary>−x, e.g. a mean log-probability or a log-likelihood.</summary>
    Negate,
}

internal static class FeatureTransforms
{
    /// <summary>f(x); NaN (missing) stays NaN; the log of x ≤ 0 is NaN (the caller reports it).</summary>
    public static double Apply(this FeatureTransform transform, double x) => transform switch
    {
        FeatureTransform.Log => x > 0 ? Math.Log(x) : double.NaN,
        FeatureTransform.Negate => -x,
        _ => x,
    };

    /// <summary>The range of a loss column before the transform: a loss, bits per byte or perplexity is ≥ 0;
    /// a log-likelihood (negated into a loss) is ≤ 0.</summary>
    public static ColumnKind RawKind(this FeatureTransform transform) =>
        transform == FeatureTransform.Negate ? ColumnKind.NonPositive : ColumnKind.NonNegative;
}
