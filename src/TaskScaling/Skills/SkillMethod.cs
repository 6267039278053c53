namespace TaskScaling.Skills;

/// <summary>What a method of the comparison is (spec §5).</summary>
internal enum MethodKind
{
    /// <summary>One d = 1 fit per benchmark.</summary>
    PerBenchmark,
    /// <summary>One joint latent-skill fit over all benchmarks of the set.</summary>
    Factor,
    /// <summary>PCA of the scores, scores regressed on [ln F*, D] (Ruan et al.'s observational baseline).</summary>
    PcaFlops,
}

/// <summary>
/// One of the 28 methods of spec §5. Inputs: FLOPs (ln F with n_train = 1, family-specific ln F slopes with
/// n_train = 2) or size and tokens (ln T, ln S, ln S·ln T); family or shared intercept; sigmoid (stage 1) or
/// monotone network (stage 2, warm started from the matching sigmoid fit).
/// </summary>
internal sealed record SkillMethod(string Name, MethodKind Kind, bool Flops, InterceptKind Intercept, LinkKind Link, int Skills)
{
    /// <summary>c is trained in stage 1 for the FLOPs models, fixed at the lower bound otherwise; always trained in stage 2.</summary>
    public bool TrainLowerBoundInStage1 => Flops;

    /// <summary>The covariates of this method when each test family keeps <paramref name="nTrain"/> training models.</summary>
    public Covariates CovariatesFor(int nTrain) => !Flops ? Covariates.LogTokensLogSize
        : nTrain >= 2 ? Covariates.LogFlopsByFamily : Covariates.LogFlops;

    /// <summary>The 28 methods in the reference's result order.</summary>
    public static IReadOnlyList<SkillMethod> All { get; } = BuildAll();

    private static IReadOnlyList<SkillMethod> BuildAll()
    {
        var list = new List<SkillMethod>();
        foreach (var flops in new[] { true, false })
        {
            string stem = flops ? "logF" : "logSlogT";
            foreach (var ic in new[] { InterceptKind.Shared, InterceptKind.Family })
            {
                string suffix = ic == InterceptKind.Family ? "_faminter" : "";
                list.Add(new($"{stem}_sigmoid{suffix}", MethodKind.PerBenchmark, flops, ic, LinkKind.Sigmoid, 1));
                list.Add(new($"{stem}_trainlink{suffix}", MethodKind.PerBenchmark, flops, ic, LinkKind.Monotone, 1));
            }
        }
        for (int d = 1; d <= 4; d++) list.Add(new($"pca_d={d}", MethodKind.PcaFlops, true, InterceptKind.Family, LinkKind.Sigmoid, d));
        foreach (var ic in new[] { InterceptKind.Shared, InterceptKind.Family })
        {
            string suffix = ic == InterceptKind.Family ? "_faminter" : "";
            foreach (var link in new[] { LinkKind.Sigmoid, LinkKind.Monotone })
                for (int d = 1; d <= 4; d++)
                    list.Add(new($"factor_{(link == LinkKind.Sigmoid ? "sigmoid" : "trainlink")}{suffix}_d={d}", MethodKind.Factor, false, ic, link, d));
        }
        return list;
    }

    public static SkillMethod ByName(string name) =>
        All.FirstOrDefault(m => m.Name == name.Trim())
        ?? throw new InvalidRequestException($"unknown method '{name}' (known: {string.Join(", ", All.Select(m => m.Name))})");
}
