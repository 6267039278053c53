namespace TaskScaling.Ladder;

/// <summary>
/// A backtest fold's fit (target predictions fit without one, with the method's starts and stopping rules). The folds
/// of one chain (by size, or by compute) have nested training runs, and each starts from the previous fold's fit
/// (<paramref name="Previous"/>, fitted on <paramref name="PreviousRuns"/>, a subset of this fold's runs): one or a few
/// runs more move the optimum a little, so the fit needs a fraction of the iterations from the method's fixed starts.
/// The start never sees a held-out run. Null members: the chain's first fold, or a previous fold that failed.
/// </summary>
internal sealed record FoldStart(IReadOnlyList<int>? PreviousRuns, PredictorFit? Previous);
