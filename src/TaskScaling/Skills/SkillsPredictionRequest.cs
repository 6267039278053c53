namespace TaskScaling.Skills;

/// <summary>Predict a model of a family in the table from its size (billions) and tokens (trillions), with a calibrated interval.</summary>
public sealed record SkillsPredictionRequest
{
    public required string Family { get; init; }
    /// <summary>Parameters, billions.</summary>
    public required double Parameters { get; init; }
    /// <summary>Pre-training tokens, trillions.</summary>
    public required double Tokens { get; init; }
    /// <summary>d: skills of Sloth and Sloth basic, principal components of PCA + FLOPs.</summary>
    public int Skills { get; init; } = 3;
    /// <summary>"v1", "v2" or "all".</summary>
    public string Set { get; init; } = "all";
    /// <summary>Explicit benchmark list, in this order (overrides <see cref="Set"/>; see <see cref="BenchmarkSets.Parse"/>).</summary>
    public IReadOnlyList<string>? Benchmarks { get; init; }
    public SkillsMethod Method { get; init; } = SkillsPrediction.DefaultMethod;
    /// <summary>Members of the ensemble (fits with seeds <see cref="Seed"/>, <see cref="Seed"/> + 1, …).</summary>
    public int Members { get; init; } = 5;
    public int Seed { get; init; } = 42;
    /// <summary>Coverage level of the interval.</summary>
    public double Level { get; init; } = 0.9;
    /// <summary>Parallel fits; null = all processors. Results do not depend on it.</summary>
    public int? Parallelism { get; init; }
    public SkillFitOptions FitOptions { get; init; } = SkillsPrediction.DefaultFitOptions;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
    /// <summary>Called with (fits done, fits in all) as the ensemble's fits finish (members × calibration folds, of every target
    /// that is fitted), from worker threads. The numbers do not depend on it.</summary>
    public Action<int, int>? Progress { get; init; }
}
