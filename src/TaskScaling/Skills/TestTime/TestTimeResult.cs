namespace TaskScaling.Skills.TestTime;

/// <summary>A held-out model's coverage at k samples: the layer's prediction and, when the model has samples, the pass@k estimate.</summary>
public sealed record CoveragePoint(int K, double Predicted, double? Estimated);

/// <summary>A held-out model's coverage curve.</summary>
public sealed record CoverageCurve(string Model, IReadOnlyList<double> Skills, IReadOnlyList<CoveragePoint> Points)
{
    /// <summary>Problems with samples of this model (the estimator's average), 0 when none.</summary>
    public int Problems { get; init; }
}

/// <summary>The outcome of <see cref="TestTimeScaling.Run"/>.</summary>
public sealed record TestTimeResult
{
    public required IReadOnlyList<string> TrainingModels { get; init; }
    public required int Problems { get; init; }
    public required int SlothTrainingModels { get; init; }
    public required double SlothTrainingMae { get; init; }
    public required int SlothSeed { get; init; }
    /// <summary>Validation BCE of every weight decay tried, in order; <see cref="WeightDecay"/> is the lowest (a tie keeps the earlier).</summary>
    public required IReadOnlyList<(double WeightDecay, double ValidationLoss)> Validation { get; init; }
    public required double WeightDecay { get; init; }
    public required ItemResponseLayer Layer { get; init; }
    public required IReadOnlyList<CoverageCurve> Curves { get; init; }
}
