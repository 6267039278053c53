using TaskScaling.Data.Samples;

namespace TaskScaling.Skills.Downstream;

/// <summary>
/// Predict a task outside the fitted table from the latent skills (spec §8.1): the task's scores come from a table column
/// (<see cref="Benchmark"/>, e.g. HumanEval) or are given (<see cref="Scores"/>, e.g. <see cref="EqBench.Scores"/>); the targets are
/// table models (<see cref="Targets"/>, held out of every fit) or one new model of a family (<see cref="Family"/>, <see cref="Parameters"/>,
/// <see cref="Tokens"/>).
/// </summary>
public sealed record DownstreamRequest
{
    /// <summary>A column of the table holding the task's scores (fractions).</summary>
    public string? Benchmark { get; init; }
    /// <summary>The task's scores per model (fractions), when not a table column.</summary>
    public IReadOnlyList<ModelScore>? Scores { get; init; }
    /// <summary>Name of the task in the output (default: the benchmark, else "task").</summary>
    public string? Task { get; init; }
    /// <summary>Source of <see cref="Scores"/>, named in errors (a file path).</summary>
    public string ScoresSource { get; init; } = "scores";
    /// <summary>Table models to predict; each is left out of the Sloth fit and of the downstream fit.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
    /// <summary>A new model to predict instead: its family (Family2), parameters (billions) and tokens (trillions).</summary>
    public string? Family { get; init; }
    public double? Parameters { get; init; }
    public double? Tokens { get; init; }
    /// <summary>Benchmarks of the Sloth fit: "interpretation" (the 12 of v1 + v2 in the notebook's order), "all", "v1" or "v2".</summary>
    public string Set { get; init; } = "interpretation";
    /// <summary>d: latent skills (and principal components of the comparison).</summary>
    public int Skills { get; init; } = 3;
    /// <summary>Seed of the Sloth fit and of the downstream fits.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Bootstrap resamples of the interval (0: no interval).</summary>
    public int Resamples { get; init; } = 200;
    public double Level { get; init; } = 0.9;
    /// <summary>
    /// Iteration cap of the geomin rotation (spec §4): converged by default; 500 is the released code's cap, with which the
    /// HumanEval loading w ends near the spec's 1.237 (the converged rotation gives other skills, hence another w, same fit quality).
    /// </summary>
    public int RotationMaxIterations { get; init; } = Numerics.Rotation.GeominRotation.DefaultMaxIterations;
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    /// <summary>Called with (fits done, fits in all): the Sloth fit's optimiser runs, the two layers and every bootstrap refit
    /// (of both sides), from worker threads. The numbers do not depend on it.</summary>
    public Action<int, int>? Progress { get; init; }
}
