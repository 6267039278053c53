namespace TaskScaling.Ladder;

/// <summary>
/// Step-1 data: one point per ladder run — x and accuracy are the means of the run's last
/// <see cref="LadderSettings.Step1Window"/> rows, D the tokens of its last row, N and F from the description.
/// </summary>
internal static class Step1Data
{
    public static Step1Point Point(LadderData data, LadderRun run, LadderTask task, LadderSettings settings)
    {
        var s = data.Series(run, task, settings.Feature);
        var d = s.Tokens[^1];
        if (!(d > 0))
            throw new DataFormatException(s.Source, s.Lines[^1], run.Tokens.Column, $"tokens D must be positive, found {d}");
        return new Step1Point(run.Name, run.Parameters, d, run.FlopsPerToken,
            RunSeries.TailMean(s.X, settings.Step1Window), RunSeries.TailMean(s.Y, settings.Step1Window));
    }

    /// <summary>
    /// Intermediate checkpoints as extra step-1 points of a run (count − 1 of them): at tokens D_final/2, D_final/4, …,
    /// the last row with at most those tokens, x and accuracy the means of the <see cref="LadderSettings.Step1Window"/>
    /// rows ending there. A checkpoint before the first row, or one already taken, is left out. These runs were not
    /// annealed at those tokens, so their losses lie above a finished run's of the same N and D.
    /// </summary>
    public static Step1Point[] Checkpoints(RunSeries s, LadderRun run, LadderSettings settings)
    {
        var points = new List<Step1Point>();
        int last = s.Count - 1;
        for (int j = 1; j < settings.Step1Checkpoints; j++)
        {
            double want = s.Tokens[^1] / Math.Pow(2, j);
            int i = Array.FindLastIndex(s.Tokens, t => t <= want);
            if (i < 0 || i >= last || !(s.Tokens[i] > 0)) break;
            last = i;
            int from = Math.Max(0, i - settings.Step1Window + 1);
            points.Add(new Step1Point(run.Name, run.Parameters, s.Tokens[i], run.FlopsPerToken,
                RunSeries.TailMean(s.X[from..(i + 1)], settings.Step1Window), RunSeries.TailMean(s.Y[from..(i + 1)], settings.Step1Window)));
        }
        return [.. points];
    }

    public static Step1Point[] Prepare(LadderData data, IEnumerable<LadderRun> runs, LadderTask task, LadderSettings settings) =>
        runs.Select(r => Point(data, r, task, settings)).ToArray();
}
