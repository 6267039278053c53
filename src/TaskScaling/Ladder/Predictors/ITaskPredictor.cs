namespace TaskScaling.Ladder;

/// <summary>
/// One way to predict one task's accuracy from a subset of the ladder runs (indices into the task's runs): the one
/// interface behind <c>--predictor</c>, the backtest and the target predictions.
/// </summary>
internal interface ITaskPredictor
{
    LadderPredictorKind Kind { get; }

    /// <summary>Why these runs cannot identify the predictor's form; null when they can.</summary>
    string? Unidentifiable(IReadOnlyList<int> runs);

    /// <summary>Fits on the runs. Returns the fitted predictor, or null with the reason in <paramref name="problem"/>.</summary>
    /// <param name="fold">A backtest fold's start (null: a fit for target predictions, with the method's starts and stopping rules).</param>
    PredictorFit? Fit(IReadOnlyList<int> runs, FoldStart? fold, out string? problem);
}
