using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>
/// Small, quick skill fits for the saved-model tests: three benchmarks (d = 1) or the six v1 benchmarks (d = 3),
/// both links, with short optimiser budgets (the fits are deterministic for a seed whatever the budget).
/// </summary>
internal static class SkillModelTestFits
{
    public static IReadOnlyList<string> ThreeBenchmarks { get; } = ["MMLU", "ARC", "GSM8K"];

    /// <summary>Short budgets: one Adam learning rate, few epochs; stage 2 a short Adam phase and few L-BFGS iterations.</summary>
    public static SkillFitOptions ShortOptions { get; } = SkillFitOptions.Default with
    {
        LearningRates = [0.1], MaxEpochs = 300, HybridAdamEpochs = 100,
        MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs,
        MonotoneLbfgs = SkillFitOptions.Default.MonotoneLbfgs with { MaxIterations = 40 },
    };

    public static SkillsFitRequest Request(int skills) => new()
    {
        Benchmarks = skills == 1 ? ThreeBenchmarks : null, Set = "v1", Skills = skills, Monotone = true,
        FitOptions = ShortOptions,
    };

    private static readonly Lazy<SkillsFitReport> _d1 = new(() => SkillsFit.Run(SkillsTestData.Table, Request(1)));
    private static readonly Lazy<SkillsFitReport> _d3 = new(() => SkillsFit.Run(SkillsTestData.Table, Request(3)));

    public static SkillsFitReport D1 => _d1.Value;
    public static SkillsFitReport D3 => _d3.Value;

    /// <summary>New models to predict: (family, S in billions, T in trillions) — every family at two sizes.</summary>
    public static IEnumerable<(string Family, double Size, double Tokens)> Targets(SkillModel model) =>
        model.Families.SelectMany(f => new[] { (f, 70.0, 15.0), (f, 1.3, 0.3) });
}
