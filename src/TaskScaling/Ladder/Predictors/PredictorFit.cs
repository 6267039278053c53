namespace TaskScaling.Ladder;

/// <summary>A predictor fitted on some ladder runs: its estimate at any (N, D, F), and the variant's fit when it has one
/// (the next backtest fold starts from it), or the direct predictor's power law (what a saved fit keeps).</summary>
internal sealed record PredictorFit(Func<RunInput, Estimate> At, TaskFit? Fit = null, FittedForm? Direct = null);
