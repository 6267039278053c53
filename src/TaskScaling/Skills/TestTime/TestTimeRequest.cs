using TaskScaling.Data.Samples;

namespace TaskScaling.Skills.TestTime;

/// <summary>
/// Spec §8.2: coverage of held-out models as a function of the number of samples k, from the latent skills and an item-response
/// layer fitted on the other models' samples. Defaults are the paper's (Sloth basic d = 3 on the 12 benchmarks, best of seeds 0–19,
/// anchor 1 = log tokens; wd ∈ {0.1, 1e-3, 1e-5, 0} chosen on a 10 % validation mask; seed 42).
/// </summary>
public sealed record TestTimeRequest
{
    public required SampleFile Samples { get; init; }
    /// <summary>Models whose coverage is predicted: left out of the Sloth fit and of the layer's fit.</summary>
    public required IReadOnlyList<string> HeldOut { get; init; }
    /// <summary>Further models left out of the Sloth fit only (the paper drops gemma-7b-it and meta-llama-3-70b).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public string Set { get; init; } = "interpretation";
    public int Skills { get; init; } = 3;
    /// <summary>Seeds of the Sloth basic fits; the lowest training MAE is kept.</summary>
    public IReadOnlyList<int> SlothSeeds { get; init; } = Enumerable.Range(0, 20).ToArray();
    /// <summary>Design row of the skills' sign convention (1 = log10 T, as the paper's test-time notebook).</summary>
    public int Anchor { get; init; } = 1;
    public IReadOnlyList<double> WeightDecays { get; init; } = [0.1, 1e-3, 1e-5, 0];
    /// <summary>Share of the cells drawn (with replacement) for the validation mask.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Seed of the validation mask and of the layer's initial values.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>L-BFGS iterations of the layer's fit.</summary>
    public int MaxIterations { get; init; } = 50;
    public int RotationMaxIterations { get; init; } = Numerics.Rotation.GeominRotation.DefaultMaxIterations;
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    /// <summary>Called with (fits done, fits in all): the optimiser runs of every Sloth seed, then one per weight decay, from
    /// worker threads. The numbers do not depend on it.</summary>
    public Action<int, int>? Progress { get; init; }
}
