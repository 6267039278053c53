using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>The hand-derived reverse-mode gradient of the skill objective against central finite differences.</summary>
public sealed class GradientTests
{
    public static TheoryData<LinkKind, InterceptKind, Covariates, int, bool, double> Cases => new()
    {
        { LinkKind.Sigmoid, InterceptKind.Family, Covariates.Log10SizeLog10Tokens, 3, false, SkillObjective.HuberBeta },
        { LinkKind.Sigmoid, InterceptKind.Shared, Covariates.LogFlops, 1, true, SkillObjective.HuberBeta },
        { LinkKind.Sigmoid, InterceptKind.Family, Covariates.LogFlopsByFamily, 2, true, SkillObjective.HuberBeta },
        { LinkKind.Monotone, InterceptKind.Family, Covariates.LogTokensLogSize, 2, true, SkillObjective.HuberBeta },
        // A wider SmoothL1 threshold (the smoothing continuation of the projected L-BFGS stage 2).
        { LinkKind.Monotone, InterceptKind.Family, Covariates.LogTokensLogSize, 3, false, 0.05 },
        { LinkKind.Monotone, InterceptKind.Shared, Covariates.LogTokensLogSize, 1, true, SkillObjective.HuberBeta },
    };

    /// <summary>Design, scores and lower bounds of the v2 rows that <paramref name="keep"/> selects; one benchmark (BBH) or all six.</summary>
    private static (SkillDesign Design, double[,] Y, double[] LowerBounds) Problem(Covariates cov, InterceptKind ic, bool singleBenchmark, Func<int, bool> keep)
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V2, 2);
        var rows = Enumerable.Range(0, data.Count).Where(keep).ToArray();
        var design = SkillDesign.Build(cov, ic, data, rows);
        var y = data.ScoresOf(rows);
        if (!singleBenchmark) return (design, y, data.LowerBounds);
        var y1 = new double[rows.Length, 1];
        for (int i = 0; i < rows.Length; i++) y1[i, 0] = y[i, 1];
        return (design, y1, [data.LowerBounds[1]]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(LinkKind link, InterceptKind ic, Covariates cov, int d, bool singleBenchmark, double beta)
    {
        // 34 rows, not a multiple of 8.
        var (design, y, lb) = Problem(cov, ic, singleBenchmark, i => i % 3 == 0);
        var obj = new SkillObjective(design, y, d, link) { Beta = beta };
        var p = SkillInitialValues.Draw(obj.Layout, design.SlopeColumns, lb, 3);
        var rng = new Random(5);
        for (int i = 0; i < p.Length; i++) p[i] += 0.2 * (rng.NextDouble() - 0.5);
        // Scale slopes down so that the sigmoid is not saturated everywhere.
        for (int i = 0; i < design.Columns * d; i++) p[i] *= 0.3;
        var g = new double[p.Length];
        double f0 = obj.Evaluate(p, g);
        Assert.True(double.IsFinite(f0));
        const double h = 1e-6;
        int checkedCount = 0;
        for (int i = 0; i < p.Length; i++)
        {
            var q = (double[])p.Clone();
            q[i] = p[i] + h; double fp = obj.Evaluate(q, default);
            q[i] = p[i] - h; double fm = obj.Evaluate(q, default);
            double fd = (fp - fm) / (2 * h);
            // Central differences: O(h²) error away from the SmoothL1 kinks at |r| = β, O(h) across one.
            Assert.True(Math.Abs(fd - g[i]) <= 1e-6 + 1e-4 * Math.Abs(fd), $"parameter {i}: analytic {g[i]:E6}, numeric {fd:E6}");
            if (Math.Abs(g[i]) > 1e-8) checkedCount++;
        }
        Assert.True(checkedCount > p.Length / 4, "most gradient entries should be non-zero");
    }

    [Fact]
    public void EvaluationWithoutGradientGivesTheSameLossAndMae()
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V1, 2);
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var design = SkillDesign.Build(Covariates.LogTokensLogSize, InterceptKind.Family, data, rows);
        var obj = new SkillObjective(design, data.Scores, 2, LinkKind.Monotone);
        var p = SkillInitialValues.Draw(obj.Layout, 3, data.LowerBounds, 42);
        double a = obj.Evaluate(p, new double[p.Length]); double maeA = obj.LastMae;
        double b = obj.Evaluate(p, default); double maeB = obj.LastMae;
        Assert.Equal(a, b);
        Assert.Equal(maeA, maeB);
        // MAE against a direct computation from the predictions.
        var yhat = SkillObjective.Predict(p, obj.Layout, design);
        double direct = 0;
        for (int i = 0; i < data.Count; i++) for (int j = 0; j < 6; j++) direct += Math.Abs(yhat[i, j] - data.Scores[i, j]);
        Assert.Equal(direct / (data.Count * 6), maeA, 12);
    }

    /// <summary>
    /// The single-precision kernel (16 cells per register, as the reference's float32 arithmetic) computes the same
    /// loss, MAE and gradient as the double one up to float rounding: residuals carry ≈ 1e-7 absolute error, which
    /// SmoothL1 turns into ≈ 1e-5 of r/β in the quadratic zone.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void SinglePrecisionAgreesWithDouble(LinkKind link, InterceptKind ic, Covariates cov, int d, bool singleBenchmark, double beta)
    {
        // 81 rows, a multiple of neither 8 nor 16.
        var (design, y, lb) = Problem(cov, ic, singleBenchmark, i => i % 5 != 0);
        var exact = new SkillObjective(design, y, d, link) { Beta = beta };
        var single = new SkillObjective(design, y, d, link, SkillPrecision.Single) { Beta = beta };
        Assert.Equal(SkillPrecision.Single, single.Precision);
        var p = SkillInitialValues.Draw(exact.Layout, design.SlopeColumns, lb, 7);
        for (int i = 0; i < design.Columns * d; i++) p[i] *= 0.3;
        var gd = new double[p.Length]; var gs = new double[p.Length];
        double fd = exact.Evaluate(p, gd), fs = single.Evaluate(p, gs);
        Assert.True(Math.Abs(fs - fd) <= 1e-5 * fd, $"loss: double {fd:R}, single {fs:R}");
        Assert.True(Math.Abs(single.LastMae - exact.LastMae) <= 1e-5 * exact.LastMae, $"MAE: double {exact.LastMae:R}, single {single.LastMae:R}");
        double norm = Math.Sqrt(gd.Sum(v => v * v)), diff = Math.Sqrt(gd.Zip(gs, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(norm > 0);
        Assert.True(diff <= 1e-4 * norm, $"gradient: |g_single − g_double| = {diff:E3}, |g_double| = {norm:E3}");
    }
}
