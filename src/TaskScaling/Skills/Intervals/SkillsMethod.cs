namespace TaskScaling.Skills;

/// <summary>The methods a skills prediction can use (`skills predict --method`).</summary>
public enum SkillsMethod
{
    /// <summary>Sloth: joint latent-skill fit, family intercepts, monotone network link (stage 2, warm started from stage 1).</summary>
    Sloth,
    /// <summary>Sloth basic: stage 1 alone (sigmoid link, c fixed at the chance levels).</summary>
    SlothBasic,
    /// <summary>FLOPs: one sigmoid fit per benchmark on ln F with family intercepts (family-specific slopes with two or more given models), c trained.</summary>
    Flops,
    /// <summary>PCA + FLOPs: the top-d principal components of the scores regressed on [ln F*, family one-hot] by least squares.</summary>
    PcaFlops,
    /// <summary>A weighted mean of the four methods above, weights from their leave-family-out errors on the training families.</summary>
    Ensemble,
}

/// <summary>The command-line names of <see cref="SkillsMethod"/> (sloth, sloth-basic, flops, pca-flops, ensemble).</summary>
public static class SkillsMethods
{
    /// <summary>The single methods an <see cref="SkillsMethod.Ensemble"/> combines, in this order.</summary>
    public static IReadOnlyList<SkillsMethod> Single { get; } = [SkillsMethod.Sloth, SkillsMethod.SlothBasic, SkillsMethod.Flops, SkillsMethod.PcaFlops];

    public static string Name(SkillsMethod method) => method switch
    {
        SkillsMethod.Sloth => "sloth",
        SkillsMethod.SlothBasic => "sloth-basic",
        SkillsMethod.Flops => "flops",
        SkillsMethod.PcaFlops => "pca-flops",
        _ => "ensemble",
    };

    public static SkillsMethod Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "sloth" => SkillsMethod.Sloth,
        "sloth-basic" => SkillsMethod.SlothBasic,
        "flops" => SkillsMethod.Flops,
        "pca-flops" => SkillsMethod.PcaFlops,
        "ensemble" => SkillsMethod.Ensemble,
        _ => throw new InvalidRequestException($"unknown method '{name}' (expected sloth, sloth-basic, flops, pca-flops or ensemble)"),
    };
}
