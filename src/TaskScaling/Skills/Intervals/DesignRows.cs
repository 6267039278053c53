namespace TaskScaling.Skills;

/// <summary>Rows to build a design from: S (billions), T (trillions), F (1e21) and the family's index.</summary>
internal sealed record DesignRows(double[] Parameters, double[] Tokens, double[] Flops, int[] Family)
{
    public int Count => Parameters.Length;

    public static DesignRows Of(SkillDataset data, IReadOnlyList<int> rows) => new(
        rows.Select(i => data.Parameters[i]).ToArray(), rows.Select(i => data.Tokens[i]).ToArray(),
        rows.Select(i => data.Flops[i]).ToArray(), rows.Select(i => data.FamilyIndex[i]).ToArray());

    /// <summary>A new model: F = 6·S·T.</summary>
    public static DesignRows New(double parameters, double tokens, int family) =>
        new([parameters], [tokens], [6 * parameters * tokens], [family]);

    public DesignRows Concat(DesignRows other) => new([.. Parameters, .. other.Parameters], [.. Tokens, .. other.Tokens],
        [.. Flops, .. other.Flops], [.. Family, .. other.Family]);

    public SkillDesign Build(Covariates covariates, InterceptKind intercept, IReadOnlyList<string> families) =>
        SkillDesign.Build(covariates, intercept, families, Parameters, Tokens, Flops, Family);
}
