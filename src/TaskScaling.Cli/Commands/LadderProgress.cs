using TaskScaling.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>The slow ladder computations with a progress bar on a terminal (<see cref="ProgressDisplay"/>).</summary>
internal static class LadderProgress
{
    /// <summary><see cref="LadderPredictor.Predict(LadderDescription, LadderPredictionRequest)"/>; a bar for bootstrap
    /// intervals only (1,000 refits per task; delta intervals take well under a second and start-up matters).</summary>
    public static LadderPrediction Predict(LadderDescription description, LadderPredictionRequest request) =>
        request.Interval == IntervalMethod.Bootstrap
            ? ProgressDisplay.Run("bootstrap refits", p => LadderPredictor.Predict(description, request with { Progress = p }))
            : LadderPredictor.Predict(description, request);

    public static LadderStudy Study(LadderDescription description, LadderPredictionRequest request, bool analyses) =>
        ProgressDisplay.Run("fits", p => LadderStudy.Run(description, request with { Progress = p }, analyses));

    public static ComputeVsErrorReport ComputeVsError(LadderDescription description, ComputeVsErrorRequest request) =>
        ProgressDisplay.Run("subset fits", p => Ladder.ComputeVsError.Run(description, request with { Progress = p }));
}
