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

    public static Step1Point[] Prepare(LadderData data, IEnumerable<LadderRun> runs, LadderTask task, LadderSettings settings) =>
        runs.Select(r => Point(data, r, task, settings)).ToArray();
}
