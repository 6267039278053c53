using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>Spec §4 and §7: the d = 3 fit on the 79 complete-case models shows the paper's three skills.</summary>
public sealed class InterpretationTests
{
    private static readonly Lazy<SkillsFitReport> Fit = new(() =>
        SkillsFit.Run(SkillsTestData.Table, new SkillsFitRequest { Skills = 3 }));

    private static string[] TopBenchmarks(SkillInterpretation it, int skill, int count) =>
        Enumerable.Range(0, it.Benchmarks.Count).OrderByDescending(j => it.Loadings[j, skill]).Take(count).Select(j => it.Benchmarks[j]).ToArray();

    private static int ArgMax(SkillInterpretation it, string benchmark)
    {
        int j = it.Benchmarks.ToList().IndexOf(benchmark);
        return Enumerable.Range(0, it.SkillCount).OrderByDescending(k => it.Loadings[j, k]).First();
    }

    [Fact]
    public void ReasoningKnowledgeAndInstructionFollowingAppear()
    {
        var r = Fit.Value;
        Assert.Equal(79, r.Models.Count);
        var it = r.Interpretation;
        int reasoning = ArgMax(it, "MATH Lvl 5"), knowledge = ArgMax(it, "HellaSwag"), instruction = ArgMax(it, "IFEval");
        Assert.Equal(3, new[] { reasoning, knowledge, instruction }.Distinct().Count());
        string[] reasoningSet = ["GSM8K", "MATH Lvl 5", "GPQA", "BBH", "MMLU", "MMLU-PRO"];
        Assert.All(TopBenchmarks(it, reasoning, 5), b => Assert.Contains(b, reasoningSet));
        Assert.Equal(["ARC", "HellaSwag", "Winogrande"], TopBenchmarks(it, knowledge, 3).Order(StringComparer.Ordinal));
        Assert.Equal(["IFEval", "TruthfulQA"], TopBenchmarks(it, instruction, 2).Order(StringComparer.Ordinal));
        // Knowledge loads negatively on the maths benchmarks.
        Assert.True(it.Loadings[it.Benchmarks.ToList().IndexOf("GSM8K"), knowledge] < 0);
        Assert.True(it.Loadings[it.Benchmarks.ToList().IndexOf("MATH Lvl 5"), knowledge] < 0);
    }

    [Fact]
    public void RotationKeepsPredictionsAndStandardisesSkills()
    {
        var r = Fit.Value;
        var it = r.Interpretation;
        Assert.NotNull(it.Rotation);
        Assert.True(it.Rotation!.Converged);
        // Skills rise with log size (orientation anchor) and have mean zero over the training rows.
        for (int k = 0; k < 3; k++)
        {
            Assert.True(it.Coefficients[0, k] > 0);
            double mean = Enumerable.Range(0, r.Models.Count).Average(i => it.TrainingSkills[i, k]);
            Assert.Equal(0, mean, 10);
        }
        // Rotated skills keep unit variance: corr has a unit diagonal and equals the sample covariance.
        var cov = SkillInterpretation.Covariance(it.TrainingSkills);
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) Assert.Equal(it.Correlation[a, b], cov[a, b], 8);
        // z = Λr·θ̃ + const reproduces the fit's index: check predictions through the rotated model.
        var fit = r.Sigmoid;
        var theta = fit.SkillsOf(fit.Design);
        var lam = fit.Loadings;
        for (int j = 0; j < 12; j++)
        {
            double z0 = 0, r0 = 0;
            for (int k = 0; k < 3; k++) { z0 += lam[j, k] * (theta[1, k] - theta[0, k]); r0 += it.Loadings[j, k] * (it.TrainingSkills[1, k] - it.TrainingSkills[0, k]); }
            Assert.Equal(z0, r0, 8);
        }
    }

    [Fact]
    public void StageOneTrainingMaeReachesTheReference()
    {
        // Reference (spec §10): 0.024387 for seed 42, lr 0.1.
        Assert.True(Fit.Value.Sigmoid.TrainingMae <= 0.024387 + 2e-5, $"{Fit.Value.Sigmoid.TrainingMae}");
    }

    [Fact]
    public void TheReferenceStartReproducesTheReferenceSweep()
    {
        // The default fit starts from the reference's own initial values (torch's stream for seed 42, the notebook's
        // benchmark order). Stage 1 at lr 0.001 is smooth enough for two float32 implementations to agree: the reference
        // ends at 0.024543 after 8,817 epochs. (Other starts end elsewhere: 0.024500 from System.Random(42), 0.024391–
        // 0.024517 from torch's stream in the other tensor shapes.)
        var s1 = Fit.Value.Sigmoid;
        Assert.Equal(BenchmarkSets.Interpretation, Fit.Value.Benchmarks);
        Assert.Equal(SkillInitialisation.Torch, Fit.Value.FitOptions.Initialisation);
        Assert.Equal(0.024543, s1.SweepMae[2], 1e-6);
        Assert.InRange(s1.SweepEpochs[2], 8817 - 88, 8817 + 88);
        Assert.Equal(0.1, s1.LearningRate);
        // Stage 2 keeps lr 0.01 like the reference (0.016540 after 14,668 epochs). Its ~14,000 epochs amplify float
        // rounding (spec §9: another torch build moved stage-2 errors by up to 0.8 pp), so only the kept value is
        // compared, to 1e-4.
        var mono = Fit.Value.Monotone!;
        Assert.Equal(SkillFitOptions.Default, Fit.Value.FitOptions);
        Assert.Equal(0.01, mono.LearningRate);
        Assert.Equal(0.016540, mono.TrainingMae, 1e-4);
    }
}
