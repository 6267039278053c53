namespace TaskScaling.Ladder;

/// <summary>The result of <see cref="LadderPredictor.Predict"/>: one entry per target, and how it was made.</summary>
public sealed record LadderPrediction
{
    public required LadderVariant Variant { get; init; }
    public required LadderFeature Feature { get; init; }
    public required LadderSettings Settings { get; init; }
    public required IntervalMethod Interval { get; init; }
    public required double Level { get; init; }
    public int? Resamples { get; init; }
    public required IReadOnlyList<TargetPrediction> Targets { get; init; }
}
