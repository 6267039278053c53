namespace TaskScaling.Ladder;

/// <summary>
/// What to predict: named targets of the description (default: all of them) or one hypothetical target
/// (N, D and — for the FLOPs variant — FLOPs per token), which tasks (default: the description's), the
/// variant, the intermediate feature and the interval.
/// </summary>
public sealed record LadderPredictionRequest
{
    /// <summary>Target names; null or empty with no <see cref="Parameters"/> = every target of the description.</summary>
    public IReadOnlyList<string>? Targets { get; init; }
    /// <summary>Hypothetical target: non-embedding parameters N.</summary>
    public double? Parameters { get; init; }
    /// <summary>Hypothetical target: training tokens D.</summary>
    public double? Tokens { get; init; }
    /// <summary>Hypothetical target: FLOPs per token F (needed by the FLOPs variant only).</summary>
    public double? FlopsPerToken { get; init; }
    /// <summary>Many hypothetical targets at once (one fit predicts them all); not with <see cref="Targets"/> or <see cref="Parameters"/>.</summary>
    public IReadOnlyList<HypotheticalTarget>? Hypothetical { get; init; }
    /// <summary>Task names; null or empty = the description's default tasks.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }
    public LadderVariant Variant { get; init; } = LadderVariant.TwoStep;
    /// <summary>The predictor (null: the <see cref="Variant"/> alone, as before predictors existed). two-step, single-step and flops
    /// with delta, bootstrap or none intervals are their variant exactly; the others, and calibrated intervals, run the ladder's backtest.</summary>
    public LadderPredictorKind? Predictor { get; init; }
    public LadderFeature Feature { get; init; } = LadderFeature.Bpb;
    /// <summary>Override of the step-1 window (default per feature: 5, or 1 for ce).</summary>
    public int? Step1Window { get; init; }
    /// <summary>Override of the step-2 moving-average window.</summary>
    public int? Step2Window { get; init; }
    /// <summary>Override of the step-2 skip fraction.</summary>
    public double? Step2Skip { get; init; }
    /// <summary>Step-1 points per ladder run (<see cref="LadderSettings.Step1Checkpoints"/>); null = the description's, else 1.</summary>
    public int? Step1Checkpoints { get; init; }
    /// <summary>Start of the step-2 parameter a: null = −1 (the paper's predict script); NaN = chance − 1 (its step-2 script).</summary>
    public double? Step2StartA { get; init; }
    public IntervalMethod Interval { get; init; } = IntervalMethod.Delta;
    /// <summary>Interval level, e.g. 0.9 for 90%.</summary>
    public double Level { get; init; } = 0.9;
    public int Resamples { get; init; } = 1000;
    public int Seed { get; init; } = 42;
    /// <summary>Called with (fits done, fits in all) as the task fits and bootstrap refits finish, from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>The settings after applying the overrides to the feature's defaults.</summary>
    public LadderSettings Settings()
    {
        var s = LadderSettings.For(Variant == LadderVariant.Mc ? LadderFeature.Bpb : Feature);
        return s with
        {
            Step1Window = Step1Window ?? s.Step1Window,
            Step2Window = Step2Window ?? s.Step2Window,
            Step2Skip = Step2Skip ?? s.Step2Skip,
            Step1Checkpoints = Step1Checkpoints ?? s.Step1Checkpoints,
        };
    }
}
