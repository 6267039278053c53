using System.Collections.Concurrent;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;
using TaskScaling.Skills.Downstream;
using TaskScaling.Skills.TestTime;

namespace TaskScaling.Tests.Skills;

/// <summary>
/// Every skills entry point that can take seconds reports (done, total) through its request's Progress callback: the counts
/// never decrease (whichever worker thread finishes), each unit is reported done once, the last report is (total, total)
/// with the total the request implies, and the numbers do not depend on whether a callback is given.
/// </summary>
public sealed class SkillsProgressTests
{
    private static LeaderboardTable Table => SkillsTestData.Table;

    /// <summary>Short fits: two learning rates of few epochs (the counts, not the fits' quality, are under test).</summary>
    private static readonly SkillFitOptions Quick = SkillFitOptions.Default with { LearningRates = [0.01, 0.001], MaxEpochs = 200 };
    private static readonly SkillFitOptions QuickPrediction = SkillsPrediction.DefaultFitOptions with { LearningRates = [0.01], MaxEpochs = 200, HybridAdamEpochs = 100 };

    /// <summary>Records the reports in the order the callback receives them.</summary>
    private sealed class Recorder
    {
        private readonly ConcurrentQueue<(int Done, int Total)> _calls = new();
        public Action<int, int> Callback => (done, total) => _calls.Enqueue((done, total));

        public void AssertCounted(int total)
        {
            var calls = _calls.ToArray();
            Assert.NotEmpty(calls);
            for (int i = 1; i < calls.Length; i++)
            {
                Assert.True(calls[i].Done >= calls[i - 1].Done, $"done fell from {calls[i - 1].Done} to {calls[i].Done}");
                Assert.True(calls[i].Total >= calls[i - 1].Total, $"total fell from {calls[i - 1].Total} to {calls[i].Total}");
            }
            Assert.All(calls, c => Assert.InRange(c.Done, 0, c.Total));
            Assert.Equal((total, total), calls[^1]);
            // One report per unit finished: 1, 2, …, total.
            Assert.Equal(Enumerable.Range(1, total), calls.Select(c => c.Done).Where(d => d > 0).Distinct());
            Assert.Equal(total, calls.Count(c => c.Done > 0));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_fit_counts_each_learning_rate_of_each_seed_then_of_stage_2(bool monotone)
    {
        var request = new SkillsFitRequest { Set = "v2", Skills = 2, Seeds = [1, 2], Monotone = monotone, FitOptions = Quick };
        var rec = new Recorder();
        var with = SkillsFit.Run(Table, request with { Progress = rec.Callback });
        rec.AssertCounted(2 * Quick.LearningRates.Count + (monotone ? Quick.LearningRates.Count : 0));
        var without = SkillsFit.Run(Table, request);
        Assert.Equal(without.Sigmoid.Parameters, with.Sigmoid.Parameters);
        Assert.Equal(without.Monotone?.Parameters, with.Monotone?.Parameters);
    }

    [Fact]
    public void A_fit_by_L_BFGS_counts_one_run_per_seed()
    {
        var options = Quick with { Optimizer = SkillOptimizer.Lbfgs, SigmoidLbfgs = Quick.SigmoidLbfgs with { MaxIterations = 50 } };
        var rec = new Recorder();
        SkillsFit.Run(Table, new SkillsFitRequest { Set = "v2", Skills = 2, Seeds = [1, 2, 3], Monotone = false, FitOptions = options, Progress = rec.Callback });
        rec.AssertCounted(3);
    }

    [Fact]
    public void A_prediction_counts_every_fit_of_the_ensemble()
    {
        // The ensemble method: four single methods × two members.
        var request = new SkillsPredictionRequest
        {
            Family = "qwen2", Parameters = 72, Tokens = 7, Set = "v2", Skills = 2, Method = SkillsMethod.Ensemble, Members = 2, FitOptions = QuickPrediction,
        };
        var rec = new Recorder();
        var with = SkillsPrediction.Predict(Table, request with { Progress = rec.Callback });
        rec.AssertCounted(SkillsMethods.Single.Count * 2);
        var without = SkillsPrediction.Predict(Table, request);
        Assert.Equal(without.Predictions, with.Predictions);
    }

    [Fact]
    public void Many_targets_count_the_fits_of_each_fitted_family_once()
    {
        // Sloth basic reuses a family's ensemble: qwen2 is fitted once for its two targets, qwen1.5 once.
        var request = new SkillsPredictionRequest
        {
            Family = "qwen2", Parameters = 72, Tokens = 7, Set = "v2", Skills = 2, Method = SkillsMethod.SlothBasic, Members = 2, FitOptions = QuickPrediction,
        };
        SkillsTarget[] targets = [new("qwen2", 72, 7), new("qwen1.5", 32, 3), new("qwen2", 7, 7)];
        var rec = new Recorder();
        var with = SkillsPrediction.Predict(Table, request with { Progress = rec.Callback }, targets);
        rec.AssertCounted(2 * 2);
        var without = SkillsPrediction.Predict(Table, request, targets);
        Assert.Equal(without.SelectMany(r => r.Predictions), with.SelectMany(r => r.Predictions));
        // Each target as predicted alone (the first of each family is fitted, the others predicted from its ensemble).
        Assert.Equal(SkillsPrediction.Predict(Table, request with { Family = "qwen1.5", Parameters = 32, Tokens = 3 }).Predictions, with[1].Predictions);
    }

    [Fact]
    public void A_downstream_prediction_counts_the_sloth_runs_both_layers_and_every_bootstrap_refit()
    {
        var request = new DownstreamRequest { Benchmark = "HumanEval", Targets = ["meta-llama-3-70b", "meta-llama-3-70b-instruct"], Resamples = 6, FitOptions = Quick };
        var rec = new Recorder();
        var with = DownstreamPrediction.Predict(DownstreamTests.Table.Value, request with { Progress = rec.Callback });
        Assert.All(with.Targets, t => Assert.NotNull(t.PcaLower));   // both sides have intervals: 2 × 6 refits
        rec.AssertCounted(Quick.LearningRates.Count + 2 + 2 * 6);
        var without = DownstreamPrediction.Predict(DownstreamTests.Table.Value, request);
        Assert.Equal(without.Targets.Select(t => (t.Predicted, t.Lower, t.Upper, t.PcaLower)), with.Targets.Select(t => (t.Predicted, t.Lower, t.Upper, t.PcaLower)));
    }

    [Fact]
    public void A_downstream_prediction_of_a_new_model_has_one_bootstrap_side()
    {
        var rec = new Recorder();
        var r = DownstreamPrediction.Predict(DownstreamTests.Table.Value, new DownstreamRequest
        {
            Benchmark = "HumanEval", Family = "meta-llama-3", Parameters = 70, Tokens = 15, Resamples = 5, FitOptions = Quick, Progress = rec.Callback,
        });
        Assert.Null(r.Targets[0].PcaLower);
        rec.AssertCounted(Quick.LearningRates.Count + 2 + 5);
    }

    [Fact]
    public void Test_time_scaling_counts_the_sloth_runs_of_every_seed_then_each_weight_decay()
    {
        var request = TestTimeTests.Request(new("none", [])) with { SlothSeeds = [42, 43], FitOptions = Quick };
        var rec = new Recorder();
        var generated = TestTimeSampleGenerator.Generate(Table, request with { Progress = rec.Callback }, TestTimeTests.Models, problems: 8, samples: 100);
        rec.AssertCounted(2 * Quick.LearningRates.Count);
        Assert.Equal(TestTimeSampleGenerator.Generate(Table, request, TestTimeTests.Models, problems: 8, samples: 100).Samples.Counts, generated.Samples.Counts);

        rec = new Recorder();
        var run = request with { Samples = generated.Samples, MaxIterations = 10 };
        var with = TestTimeScaling.Run(Table, run with { Progress = rec.Callback });
        rec.AssertCounted(2 * Quick.LearningRates.Count + run.WeightDecays.Count);
        var without = TestTimeScaling.Run(Table, run);
        Assert.Equal(without.Curves.SelectMany(c => c.Points), with.Curves.SelectMany(c => c.Points));
    }

    [Fact]
    public void Backtests_and_interval_evaluations_count_every_member_fit()
    {
        var rec = new Recorder();
        SkillsBacktest.Run(Table, new SkillsBacktestRequest { Family = "qwen2", Set = "v2", Method = SkillsMethod.PcaFlops, Skills = 2, Members = 3, Progress = rec.Callback });
        rec.AssertCounted(3);

        rec = new Recorder();
        IntervalEvaluation.Run(Table, new IntervalEvaluationRequest
        {
            Sets = ["v2"], Given = [1, 2], Families = ["qwen2"], Method = SkillsMethod.PcaFlops, Skills = 2, Members = 2, Progress = rec.Callback,
        });
        rec.AssertCounted(2 * 2);   // two settings × one group × two members
    }

    [Fact]
    public void An_evaluation_counts_its_units_in_order()
    {
        var rec = new Recorder();
        var report = SkillsEvaluation.Run(Table, new EvaluationRequest { Sets = ["v2"], MinModels = [2], Methods = ["pca_d=2"], Progress = rec.Callback });
        Assert.NotEmpty(report.Settings);
        // PCA + FLOPs is one unit per test group of the setting.
        rec.AssertCounted(TestGroups.For("v2", 2).Count);
    }
}
