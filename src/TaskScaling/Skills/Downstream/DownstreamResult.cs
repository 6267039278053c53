namespace TaskScaling.Skills.Downstream;

/// <summary>A training model of the downstream fit: its score, the fitted value and the index [θ, 1]·[β; a].</summary>
public sealed record DownstreamPoint(string Model, double Actual, double Predicted, double Index);

/// <summary>
/// A predicted model: Sloth skills (projected), the prediction with its interval, and the same from the principal-component
/// comparison (null for a new model: it has no benchmark scores to project).
/// </summary>
public sealed record DownstreamTarget
{
    public required string Model { get; init; }
    public required string Family { get; init; }
    /// <summary>Parameters, billions; tokens, trillions.</summary>
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    public required IReadOnlyList<double> Skills { get; init; }
    public required double Predicted { get; init; }
    public required double Index { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    /// <summary>The task's score when known (then not used by any fit).</summary>
    public double? Actual { get; init; }
    public double? PcaPredicted { get; init; }
    public double? PcaIndex { get; init; }
    public double? PcaLower { get; init; }
    public double? PcaUpper { get; init; }
}

/// <summary>A model with a task score that no fit used.</summary>
public sealed record DownstreamSkip(string Model, string Reason);

/// <summary>One side of the comparison: the downstream layer on some features, and its training points.</summary>
public sealed record DownstreamSide(string Features, DownstreamLayer Layer, IReadOnlyList<DownstreamPoint> Training);

/// <summary>The outcome of <see cref="DownstreamPrediction.Predict"/>.</summary>
public sealed record DownstreamResult
{
    public required string Task { get; init; }
    public required IReadOnlyList<string> Benchmarks { get; init; }
    public required int Skills { get; init; }
    /// <summary>Models and training MAE of the Sloth basic fit, and the seed kept.</summary>
    public required int SlothTrainingModels { get; init; }
    public required double SlothTrainingMae { get; init; }
    public required int Seed { get; init; }
    /// <summary>Rotated, oriented loadings of the Sloth fit (J×d).</summary>
    public required double[,] Loadings { get; init; }
    /// <summary>Models with a task score that no fit used, and why.</summary>
    public required IReadOnlyList<DownstreamSkip> Skipped { get; init; }
    public required DownstreamSide Sloth { get; init; }
    /// <summary>The comparison (Ruan et al.): the first d principal components of the training rows' benchmark scores.</summary>
    public required DownstreamSide Pca { get; init; }
    public required IReadOnlyList<DownstreamTarget> Targets { get; init; }
    public required double Level { get; init; }
    public required int Resamples { get; init; }
}
