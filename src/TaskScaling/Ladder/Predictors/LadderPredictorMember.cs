namespace TaskScaling.Ladder;

/// <summary>
/// One fitted predictor of a <see cref="LadderPredictorChoice"/>: two-step, single-step and flops keep their variant's
/// fit (<see cref="Fit"/>, with covariance and any bootstrap refits), direct its power law on −ln acc against compute
/// (<see cref="Direct"/>, with covariance), largest-rung its value (SE 0). <see cref="Weight"/> is the ensemble's;
/// <see cref="Problem"/> says why the member could not be fitted (it then has no fit).
/// </summary>
public sealed record LadderPredictorMember
{
    public required LadderPredictorKind Predictor { get; init; }
    public double? Weight { get; init; }
    public LadderTaskFit? Fit { get; init; }
    public FittedForm? Direct { get; init; }
    public double? Value { get; init; }
    public string? Problem { get; init; }
}
