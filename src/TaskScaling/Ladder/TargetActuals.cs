namespace TaskScaling.Ladder;

/// <summary>
/// What a target run actually scored (when its evaluation is in the data): the feature as step 1 sees it
/// (mean of the last Step1Window rows), and feature and accuracy as step 2 sees them (last value of the
/// Step2Window moving average = mean of the last rows). No skip for targets.
/// </summary>
public sealed record TargetActuals(double Step1Loss, double Step2Loss, double Accuracy)
{
    internal static TargetActuals Of(RunSeries s, LadderSettings settings) =>
        new(RunSeries.TailMean(s.X, settings.Step1Window), RunSeries.TailMean(s.X, settings.Step2Window),
            RunSeries.TailMean(s.Y, settings.Step2Window));
}
