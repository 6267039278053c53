namespace TaskScaling.Skills;

/// <summary>The link-function experiment of spec §7 for one family (see <see cref="LinkFunctionExperiment"/>).</summary>
public sealed record LinkFunctionRequest
{
    /// <summary>The family (Family2); its largest model(s) are held out.</summary>
    public string Family { get; init; } = "meta-llama-3";
    /// <summary>Benchmark set: v1, v2 or all.</summary>
    public string Set { get; init; } = "v1";
    /// <summary>Number of skills d (at most the number of benchmarks).</summary>
    public int Skills { get; init; } = 3;
    /// <summary>Sloth fits over seeds 42, 43, … whose lowest and highest curves make the band (1 = no band).</summary>
    public int Members { get; init; } = 5;
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
}
