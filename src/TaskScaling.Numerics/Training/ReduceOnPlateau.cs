namespace TaskScaling.Numerics.Training;

/// <summary>
/// Learning-rate schedule "reduce on plateau" (torch ReduceLROnPlateau, mode min, relative threshold):
/// a value improves iff value &lt; best·(1 − threshold); after more than <see cref="Patience"/> consecutive
/// non-improving steps lr ← max(lr·factor, minLr) and the counter resets. Reductions of ≤ 1e-8 are skipped.
/// </summary>
public sealed class ReduceOnPlateau(double threshold = 1e-4, int patience = 20, double factor = 0.95, double minLearningRate = 0)
{
    private double _best = double.PositiveInfinity;
    private int _bad;
    public double Threshold { get; } = threshold;
    public int Patience { get; } = patience;
    public double Factor { get; } = factor;

    /// <summary>Feeds one epoch's value; returns the (possibly reduced) learning rate.</summary>
    public double Step(double value, double learningRate)
    {
        if (value < _best * (1 - Threshold)) { _best = value; _bad = 0; }
        else _bad++;
        if (_bad > Patience)
        {
            _bad = 0;
            double next = Math.Max(learningRate * Factor, minLearningRate);
            if (learningRate - next > 1e-8) return next;
        }
        return learningRate;
    }
}
