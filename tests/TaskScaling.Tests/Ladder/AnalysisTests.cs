using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

public class AnalysisTests
{
    [Fact]
    public void BootstrapIntervalsAreDeterministicAndCoverTheEstimate()
    {
        var request = new LadderPredictionRequest
        {
            Targets = ["13B-5T"], Tasks = ["mmlu", "piqa"], Interval = IntervalMethod.Bootstrap, Resamples = 200, Seed = 7,
        };
        var a = LadderPredictor.Predict(ReferenceRun.Paper, request).Targets.Single();
        var b = LadderPredictor.Predict(ReferenceRun.Paper, request).Targets.Single();
        var c = LadderPredictor.Predict(ReferenceRun.Paper, request with { Seed = 8 }).Targets.Single();
        for (int k = 0; k < 2; k++)
        {
            var t = a.Tasks[k];
            Assert.Equal((t.Lower, t.Upper, t.LossLower, t.LossUpper, t.Step2Lower, t.Step2Upper),
                (b.Tasks[k].Lower, b.Tasks[k].Upper, b.Tasks[k].LossLower, b.Tasks[k].LossUpper, b.Tasks[k].Step2Lower, b.Tasks[k].Step2Upper));
            Assert.NotEqual(t.Lower, c.Tasks[k].Lower);
            Assert.True(t.Lower < t.Predicted && t.Predicted < t.Upper, $"{t.Task}: {t.Lower} {t.Predicted} {t.Upper}");
            Assert.True(t.LossLower < t.PredictedLoss && t.PredictedLoss < t.LossUpper, $"{t.Task} loss");
            Assert.True(t.Step2Lower < t.Step2Predicted && t.Step2Predicted < t.Step2Upper, $"{t.Task} step 2");
            Assert.True(t.FailedResamples < 20, $"{t.FailedResamples} failed resamples");
        }
        // A higher level gives a wider interval.
        var wide = LadderPredictor.Predict(ReferenceRun.Paper, request with { Level = 0.99 }).Targets.Single();
        Assert.True(wide.Tasks[0].Upper - wide.Tasks[0].Lower > a.Tasks[0].Upper - a.Tasks[0].Lower);
    }

    [Fact]
    public void VarianceIsThePopulationSdOfTheLastTenRawCheckpoints()
    {
        var report = VarianceAnalysis.Run(ReferenceRun.Paper, new VarianceRequest());
        Assert.Equal("1.3B-10xC", report.Run);
        Assert.Equal("7B-4T", report.Target);
        Assert.Equal(10, report.Tasks.Count);
        Assert.Equal(report.Tasks.OrderByDescending(t => t.LossSd).Select(t => t.Task), report.Tasks.Select(t => t.Task));

        // Recompute HellaSwag by hand from the raw rows.
        var data = new LadderData(ReferenceRun.Paper);
        var s = data.Series(ReferenceRun.Paper.Run("1.3B-10xC"), ReferenceRun.Paper.Task("hellaswag"), LadderFeature.Bpb);
        var last = s.X.Skip(s.Count - 10).ToArray();
        double mean = last.Average(), sd = Math.Sqrt(last.Sum(v => (v - mean) * (v - mean)) / 10);
        var hs = report.Tasks.Single(t => t.Task == "hellaswag");
        Assert.Equal(sd, hs.LossSd, 14);
        Assert.Equal(sd / mean, hs.LossCv, 14);

        // The errors beside it are the 7B-4T predictions with step 2 started at chance − 1.
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["7B-4T"], Tasks = ["hellaswag"], Interval = IntervalMethod.None, Step2StartA = double.NaN,
        }).Targets.Single().Tasks.Single();
        Assert.Equal(p.LossRelativeError, hs.Step1RelativeError);
        Assert.Equal(p.Step2RelativeError, hs.Step2RelativeError);
        Assert.Equal(p.RelativeError, hs.ChainedRelativeError);
    }

    [Fact]
    public void ComputeVsErrorFitsGrowingSubsets()
    {
        var report = ComputeVsError.Run(ReferenceRun.Paper, new ComputeVsErrorRequest { Tasks = ["mmlu"] });
        Assert.Equal("7B-4T", report.Target);
        var n = report.Rows.Where(r => r.Series == SubsetSeries.VaryN).ToArray();
        var k = report.Rows.Where(r => r.Series == SubsetSeries.VaryXc).ToArray();
        var c = report.Rows.Where(r => r.Series == SubsetSeries.VaryCompute).ToArray();
        Assert.Equal([4, 8, 12, 16], n.Select(r => r.Runs.Count));
        Assert.Equal([190_354_176.0, 371_262_464, 758_220_288, 1_279_395_840], n.Select(r => r.X));
        Assert.Equal([1.0, 2, 5, 10], k.Select(r => r.X));
        Assert.Equal(Enumerable.Range(1, 16), c.Select(r => r.Runs.Count));
        Assert.Equal(["190M-1xC"], c[0].Runs);
        // x of the compute series is the subset's total nominal compute, increasing.
        Assert.Equal(1_903_391_232.0 * 190_354_176 * 20, c[0].X, 1e-6 * c[0].X);
        Assert.True(c.Zip(c.Skip(1)).All(z => z.Second.X > z.First.X));
        Assert.All(c, r => Assert.Equal(r.TotalCompute, r.X));

        // The full ladder (last subset of every series) gives the ordinary prediction's errors (step 2 from chance − 1).
        var full = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["7B-4T"], Tasks = ["mmlu"], Interval = IntervalMethod.None, Step2StartA = double.NaN,
        }).Targets.Single().Tasks.Single();
        foreach (var last in new[] { n[^1], k[^1], c[^1] })
        {
            Assert.Equal(Math.Abs(full.LossRelativeError!.Value), last.Step1Error!.Value, 12);
            Assert.Equal(Math.Abs(full.Step2RelativeError!.Value), last.Step2Error!.Value, 12);
            Assert.Equal(full.RelativeError!.Value, last.ChainedError!.Value, 12);
        }
    }

    [Fact]
    public void RowWeightingEqualsRepeatingRuns()
    {
        var data = new LadderData(ReferenceRun.Paper);
        var p = TaskPipeline.Create(data, ReferenceRun.Paper.Task("piqa"), ReferenceRun.Paper.LadderRuns.ToList(), LadderVariant.TwoStep,
            LadderSettings.For(LadderFeature.Bpb));
        int[] runs = [0, 0, 3, 5, 5, 5, 9, 12, 12, 15, 1, 2, 7, 7, 11, 14];
        var s2 = p.Step2Setup!;
        var repeated = s2.Fit(p.Step2Observations(runs), covariance: false);
        var (obs, w) = p.Step2WeightedObservations(runs);
        var weighted = s2.Fit(obs, covariance: false, options: s2.Options with { Weights = w }).Fit;
        Assert.True(obs.Count < p.Step2Observations(runs).Count);
        Assert.Equal(p.Step2Observations(runs).Count, (int)w.Sum());
        for (int j = 0; j < 4; j++) Assert.Equal(repeated.Fit.Parameters[j], weighted.Parameters[j], 6);
        Assert.Equal(repeated.Fit.Objective, weighted.Objective, 10);
        Assert.Equal(repeated.Fit.ResidualSumOfSquares, weighted.ResidualSumOfSquares, 10);

        // A bootstrap refit (row weighting, refit options) predicts what the ordinary fit predicts.
        var refit = p.Fit(runs, p.Fit(p.AllRuns, covariance: false), covariance: false, refit: true);
        var ordinary = p.Fit(runs, covariance: false);
        Assert.Equal(ordinary.Step2!.Predict(0.9), refit.Step2!.Predict(0.9), 6);
        Assert.Equal(ordinary.Step1.Predict(13202396160, 5000088518656), refit.Step1.Predict(13202396160, 5000088518656), 3);
    }

    /// <summary>The ladder's covariance is the engine's (thin QR of J, SVD of R); it must equal s²·V diag(1/σ²) Vᵀ from
    /// the SVD of the whole Jacobian J (the engine's former route), J = ∂r/∂p in the fitted space at the optimum.</summary>
    [Fact]
    public void LadderCovarianceEqualsTheSvdOfTheFullJacobian()
    {
        var data = new LadderData(ReferenceRun.Paper);
        var p = TaskPipeline.Create(data, ReferenceRun.Paper.Task("hellaswag"), ReferenceRun.Paper.LadderRuns.ToList(), LadderVariant.TwoStep,
            LadderSettings.For(LadderFeature.Bpb));
        foreach (var (setup, obs) in new[] { (p.Step1Setup, p.Step1Observations(p.AllRuns)), (p.Step2Setup!, p.Step2Observations(p.AllRuns)) })
        {
            var fit = setup.Fit(obs).Fit;
            Assert.NotNull(fit.Covariance);
            int n = obs.Count, m = fit.Parameters.Length;
            var j = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, m);
            var g = new double[m];
            for (int i = 0; i < n; i++)
            {
                Assert.True(setup.Model.TryGradient(obs.X[i], fit.Parameters, g));
                double scale = setup.Options.LogSpace ? 1 / setup.Model.Evaluate(obs.X[i], fit.Parameters) : 1;
                for (int c = 0; c < m; c++) j[i, c] = g[c] * scale;
            }
            var svd = j.Svd(computeVectors: true);
            double s2 = fit.ResidualSumOfSquares / (n - m), cutoff = 2.220446049250313e-16 * Math.Max(n, m) * svd.S[0];
            var reference = new double[m, m];
            for (int k = 0; k < m; k++)
                if (svd.S[k] > cutoff)
                    for (int a = 0; a < m; a++)
                        for (int b = 0; b < m; b++)
                            reference[a, b] += svd.VT[k, a] * svd.VT[k, b] * s2 / (svd.S[k] * svd.S[k]);
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                {
                    double e = fit.Covariance![a, b], r = reference[a, b];
                    double scale = Math.Sqrt(Math.Abs(reference[a, a] * reference[b, b]));
                    Assert.True(Math.Abs(e - r) <= 1e-7 * scale, $"{setup.Model.Name} cov[{a},{b}]: engine {e}, full SVD {r}");
                }
        }
    }
}
