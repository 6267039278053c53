namespace TaskScaling.Numerics.Training;

/// <summary>
/// Early stopping on a monitored value: a step is a new best iff best − value &gt; <see cref="MinDelta"/>;
/// stop after <see cref="Patience"/> consecutive steps without a new best.
/// </summary>
public sealed class EarlyStopping(double minDelta = 1e-5, int patience = 500)
{
    public double MinDelta { get; } = minDelta;
    public int Patience { get; } = patience;
    public double Best { get; private set; } = double.PositiveInfinity;
    public int BestStep { get; private set; } = -1;
    private int _since;

    /// <summary>Feeds one value; returns true when it is a new best.</summary>
    public bool Observe(double value, int step)
    {
        if (Best - value > MinDelta) { Best = value; BestStep = step; _since = 0; return true; }
        _since++;
        return false;
    }

    public bool ShouldStop => _since >= Patience;
}
