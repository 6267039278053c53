namespace TaskScaling.Ladder;

/// <summary>
/// Step-2 data: every checkpoint of every ladder run, after dropping the first ceil(skip × rows) rows of
/// each run, with a trailing moving average applied separately to each run's feature and accuracy series;
/// plus, optionally, the point (0, 1): a perfect model (zero loss) scores the maximum.
/// </summary>
internal static class Step2Data
{
    public const string ExtraPointRun = "(0, 1)";

    /// <summary>The smoothed points of one run.</summary>
    public static Step2Point[] RunPoints(RunSeries s, double skip, int window)
    {
        int drop = (int)Math.Ceiling(skip * s.Count);
        int n = s.Count - drop;
        if (n <= 0) return [];
        var x = RunSeries.MovingAverage(s.X.AsSpan(drop), window);
        var y = RunSeries.MovingAverage(s.Y.AsSpan(drop), window);
        var pts = new Step2Point[n];
        for (int i = 0; i < n; i++) pts[i] = new Step2Point(s.Run.Name, s.Tokens[drop + i], x[i], y[i]);
        return pts;
    }

    public static Step2Point[] RunPoints(LadderData data, LadderRun run, LadderTask task, LadderSettings settings) =>
        RunPoints(data.Series(run, task, settings.Feature), settings.Step2Skip, settings.Step2Window);

    public static Step2Point ExtraPoint { get; } = new(ExtraPointRun, double.NaN, 0.0, 1.0);

    /// <summary>All runs' points in order, then the extra point when the settings ask for it.</summary>
    public static Step2Point[] Prepare(LadderData data, IEnumerable<LadderRun> runs, LadderTask task, LadderSettings settings)
    {
        var all = runs.SelectMany(r => RunPoints(data, r, task, settings)).ToList();
        if (settings.Step2ExtraPoint) all.Add(ExtraPoint);
        return all.ToArray();
    }
}
