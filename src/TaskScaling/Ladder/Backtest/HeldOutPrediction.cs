namespace TaskScaling.Ladder.Backtest;

/// <summary>One predictor's prediction of one held-out run in one fold, before intervals (internal to the backtest).</summary>
/// <param name="Task">Task index.</param>
/// <param name="Run">Run index among the ladder runs.</param>
/// <param name="Size">N of the held-out run: the group that leave-one-size-out calibration leaves out.</param>
/// <param name="Distance">log10(C of the run / largest C fitted on).</param>
/// <param name="CalibrationDistance">Δ of the calibration: max(0, log10 ratios of C, N and D to the largest fitted).</param>
/// <param name="Chosen">For auto: the predictor it chose.</param>
internal sealed record HeldOutPrediction(int Task, LadderPredictorKind Kind, int Fold, int Run, double Size, Estimate? Estimate,
    string? Problem, double Actual, double Distance, double CalibrationDistance, LadderPredictorKind? Chosen = null)
{
    public bool Ok => Estimate is not null;
    public double Residual => Estimate!.Value.Value - Actual;
}
