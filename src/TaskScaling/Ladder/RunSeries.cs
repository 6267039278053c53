namespace TaskScaling.Ladder;

/// <summary>
/// One run's checkpoints as aligned series: tokens D, the feature x (a loss) and the accuracy y, keeping
/// only rows where all three are present. <see cref="Lines"/> are the file lines, for error messages.
/// </summary>
internal sealed record RunSeries(LadderRun Run, string Source, double[] Tokens, double[] X, double[] Y, int[] Lines)
{
    public int Count => X.Length;

    /// <summary>Mean of the last <paramref name="window"/> values (fewer if the series is shorter).</summary>
    public static double TailMean(double[] v, int window)
    {
        int n = Math.Min(window, v.Length);
        double s = 0;
        for (int i = v.Length - n; i < v.Length; i++) s += v[i];
        return s / n;
    }

    /// <summary>Trailing moving average: m_i = mean(v[max(0, i−w+1) .. i]) (the first w−1 average what is there).</summary>
    public static double[] MovingAverage(ReadOnlySpan<double> v, int window)
    {
        var m = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            int from = Math.Max(0, i - window + 1);
            double s = 0;
            for (int j = from; j <= i; j++) s += v[j];
            m[i] = s / (i - from + 1);
        }
        return m;
    }
}
