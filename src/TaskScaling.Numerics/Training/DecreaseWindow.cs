namespace TaskScaling.Numerics.Training;

/// <summary>
/// The quasi-Newton stopping test of <see cref="Lbfgs"/>: stop when f
/// fell by no more than tol·|f| over the last <c>window</c> iterations (f_{k−w} − f_k ≤ tol·|f_k|). A ring buffer
/// of the last w + 1 objective values.
/// </summary>
internal sealed class DecreaseWindow(int window, double relativeTolerance, double f0)
{
    private readonly double[] _history = Start(window, f0);

    private static double[] Start(int window, double f0)
    {
        var h = new double[window + 1];
        h[0] = f0;
        return h;
    }

    /// <summary>Records f at iteration <paramref name="iteration"/> (1-based); true when the decrease has stalled.</summary>
    public bool Stalled(int iteration, double f)
    {
        if (iteration >= window)
        {
            double before = _history[(iteration - window) % (window + 1)];
            if (before - f <= relativeTolerance * Math.Abs(f)) return true;
        }
        _history[iteration % (window + 1)] = f;
        return false;
    }
}
