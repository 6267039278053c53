using TaskScaling.Numerics.Training;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>The bound-constrained L-BFGS used by stage 2, and stage 2 with it.</summary>
public sealed class ProjectedLbfgsTests
{
    [Fact]
    public void RosenbrockWithAnActiveLowerBoundStopsOnTheBound()
    {
        // min (1 − x)² + 100 (y − x²)² subject to x ≥ 1.5: the bound is active, y = x² = 2.25, f = 0.25,
        // and ∂f/∂x = 2(x − 1) = 1 > 0 there (the gradient pushes outward).
        static double F(double[] v, double[] g)
        {
            double x = v[0], y = v[1], t = y - x * x;
            g[0] = -2 * (1 - x) - 400 * x * t;
            g[1] = 200 * t;
            return (1 - x) * (1 - x) + 100 * t * t;
        }
        var p = new[] { 3.0, -1.0 };
        var r = Lbfgs.Minimize(F, p, [1.5, double.NegativeInfinity],
            new LbfgsOptions { MaxIterations = 500, GradientTolerance = 1e-9, RelativeTolerance = 0 });
        Assert.True(r.Converged, r.Message);
        Assert.Equal(1.5, p[0], 12);
        Assert.Equal(2.25, p[1], 6);
        Assert.Equal(0.25, r.Value, 9);
    }

    [Fact]
    public void BoundConstrainedQuadraticSatisfiesTheKktConditions()
    {
        // f = ½ xᵀQx − bᵀx with Q = I + 0.3·11ᵀ (well conditioned, coupled), x_i ≥ 0 for even i.
        int n = 12;
        var b = Enumerable.Range(0, n).Select(i => Math.Sin(1.7 * i) * 2).ToArray();
        double F(double[] x, double[] g)
        {
            double s = x.Sum(), f = 0;
            for (int i = 0; i < n; i++) { g[i] = x[i] + 0.3 * s - b[i]; f += 0.5 * x[i] * x[i] - b[i] * x[i]; }
            return f + 0.15 * s * s;
        }
        var lower = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.0 : double.NegativeInfinity).ToArray();
        var x = Enumerable.Repeat(1.0, n).ToArray();
        var r = Lbfgs.Minimize(F, x, lower, new LbfgsOptions { MaxIterations = 1000, GradientTolerance = 1e-10, RelativeTolerance = 0 });
        Assert.True(r.Converged, r.Message);
        var g = new double[n];
        F(x, g);
        int atBound = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(x[i] >= lower[i]);
            if (x[i] <= lower[i]) { atBound++; Assert.True(g[i] >= -1e-9, $"x{i} on its bound with g = {g[i]}"); }
            else Assert.True(Math.Abs(g[i]) < 1e-8, $"x{i} free with g = {g[i]}");
        }
        Assert.True(atBound > 0, "the problem is built so that some bounds are active");
    }

    [Fact]
    public void StageTwoKeepsWeightsNonNegativeLowersTheLossAndIsDeterministic()
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V2, 2);
        var rows = Enumerable.Range(0, data.Count).Where(i => i % 2 == 0).ToArray();
        var design = SkillDesign.Build(Covariates.LogTokensLogSize, InterceptKind.Family, data, rows);
        var y = data.ScoresOf(rows);
        // The System.Random start: from it some weights end on their bound, which the test needs (asserted below).
        var quick = SkillFitOptions.Default with
        {
            Initialisation = SkillInitialisation.SystemRandom,
            LearningRates = [0.1], MaxEpochs = 300, HybridAdamEpochs = 200,
            MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs,
            MonotoneLbfgs = new LbfgsOptions { MaxIterations = 300, RelativeTolerance = 1e-9 },
        };
        var s1 = SkillFitter.FitSigmoid(design, y, data.LowerBounds, 2, false, quick);
        var a = SkillFitter.FitMonotone(s1, y, quick);
        var b = SkillFitter.FitMonotone(s1, y, quick);
        Assert.Equal(a.Parameters, b.Parameters);
        for (int i = 0; i < a.Parameters.Length; i++)
            if (a.Layout.IsNetworkWeight(i)) Assert.True(a.Parameters[i] >= 0, $"network weight {i} = {a.Parameters[i]}");
        Assert.Contains(Enumerable.Range(0, a.Parameters.Length), i => a.Layout.IsNetworkWeight(i) && a.Parameters[i] == 0);
        // The Adam phase alone (same epochs) ends higher than Adam followed by projected L-BFGS.
        var adamOnly = SkillFitter.FitMonotone(s1, y, quick with { MonotoneLbfgs = new LbfgsOptions { MaxIterations = 0 } });
        Assert.True(a.Loss < adamOnly.Loss, $"{a.Loss} vs {adamOnly.Loss}");
        // Reported loss and MAE are those of the returned parameters at the model's β.
        var obj = new SkillObjective(design, y, 2, LinkKind.Monotone);
        Assert.Equal(a.Loss, obj.Evaluate(a.Parameters, default), 14);
        Assert.Equal(a.TrainingMae, obj.LastMae, 14);
    }
}
