namespace TaskScaling.Skills;

/// <summary>What the link-function experiment found: the fits' figures and, per benchmark, each method's curve.</summary>
public sealed record LinkFunctionResult(LinkFunctionFits Fits, IReadOnlyList<LinkFunctionCurves> Benchmarks);

/// <summary>The link-function fits: which models were held out, each method's training MAE.</summary>
public sealed record LinkFunctionFits(string Family, IReadOnlyList<string> Benchmarks, IReadOnlyList<string> HeldOut, int TrainingModels,
    IReadOnlyDictionary<string, double> TrainingMae, double TokensTrillions);

/// <summary>One benchmark: Sloth, Sloth basic, FLOPs and PCA + FLOPs over sizes, and the family's observed models.</summary>
public sealed record LinkFunctionCurves(string Family, string Benchmark, double TokensTrillions, double LowerBound,
    IReadOnlyList<LinkCurve> Curves, IReadOnlyList<ObservedModel> Observed)
{
    /// <summary>Smallest and largest size (billions) of the models the fits saw: outside, every curve extrapolates.</summary>
    public double TrainingSizeMin { get; init; } = double.NaN;
    public double TrainingSizeMax { get; init; } = double.NaN;
}

/// <summary>One method's predicted score (0–1) over model sizes (billions) at the family's token count.</summary>
public sealed record LinkCurve(string Method, double[] SizeBillions, double[] Score)
{
    /// <summary>Sloth: the lowest and highest curve over an ensemble of seeds (null for the other methods).</summary>
    public double[]? Lower { get; init; }
    public double[]? Upper { get; init; }
}

/// <summary>An observed model of the family: its size, its score, and whether it was held out of the fit.</summary>
public sealed record ObservedModel(string Model, double SizeBillions, double Score, bool HeldOut);
