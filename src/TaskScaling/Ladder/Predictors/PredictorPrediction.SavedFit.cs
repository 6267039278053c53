namespace TaskScaling.Ladder;

/// <summary>A predictor prediction from a saved fit: the fresh prediction's checks on the targets, then the same
/// <see cref="PredictTargets"/> on the saved choices, members and κ.</summary>
internal static partial class PredictorPrediction
{
    public static LadderPrediction Predict(LadderFit fit, IReadOnlyList<LadderTaskPredictor> tasks, IReadOnlyList<TargetPoint> targets,
        TargetActuals?[,] actuals, LadderPredictionRequest request)
    {
        var kind = fit.Predictor!.Value;
        if (NeedsTargetF(kind, TargetsHaveF(targets, tasks.Count > 0 && tasks[0].ComputeUsesFlopsPerToken)) is { } noF)
            throw new InvalidRequestException($"the {LadderNames.Of(kind)} predictor is not possible with these targets: {noF}");
        CheckResamples(request);
        return PredictTargets(fit, tasks, targets, actuals, request);
    }
}
