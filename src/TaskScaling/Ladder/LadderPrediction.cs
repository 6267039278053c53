namespace TaskScaling.Ladder;

/// <summary>The result of <see cref="LadderPredictor.Predict(LadderDescription, LadderPredictionRequest)"/>: one entry per target, and how it was made.</summary>
public sealed record LadderPrediction
{
    public required LadderVariant Variant { get; init; }
    public required LadderFeature Feature { get; init; }
    public required LadderSettings Settings { get; init; }
    public required IntervalMethod Interval { get; init; }
    public required double Level { get; init; }
    public int? Resamples { get; init; }
    /// <summary>The predictor asked for (null: the variant alone).</summary>
    public LadderPredictorKind? Predictor { get; init; }
    public required IReadOnlyList<TargetPrediction> Targets { get; init; }
    /// <summary>The fits the prediction was made from (each task's step 1 and step 2, bootstrap refits, settings,
    /// targets; with a predictor, each task's choice, members, weights and κ): predicts other targets by itself and can
    /// be saved (<see cref="LadderFitFile"/>). Null for the mc variant, whose step 2 is fitted on each target's own checkpoints.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LadderFit? Fit { get; init; }
    /// <summary>Each task's prepared ladder points as the fit used them (in the fit's task order), for figures: they
    /// need not be read again. Null for a prediction from a saved fit (it holds no data).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<LadderTaskPoints>? Points { get; init; }
}
