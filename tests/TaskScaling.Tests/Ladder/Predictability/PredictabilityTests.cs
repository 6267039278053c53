using TaskScaling.Ladder;
using static TaskScaling.Tests.Docs.DocText;

namespace TaskScaling.Tests.Ladder.Predictability;

/// <summary>The predictability flag (after Heineman et al. 2025): its rule, a flat task flagged where a scaling one is
/// not, the noise as the pooled SD of the largest runs' last checkpoints, and no use of a target's actual.</summary>
public sealed class PredictabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("predictability").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void FlaggedWhenTheChangeIsWithinTwiceTheNoiseOrBelowTheBacktestError()
    {
        var m = new PredictabilityAnalysis.Measure(Noise: 0.01, Signal: 0.1, LargestRung: 0.5);
        var within = PredictabilityAnalysis.Flag(m, 0.515, backtestError: 0.001)!;
        Assert.True(within.Flagged);
        Assert.Equal(0.015, within.PredictedChange, 12);
        Assert.Equal(10, within.Ratio!.Value, 12);
        Assert.Equal("the predicted change from the largest rung is within 2× the noise", within.Reason);
        var clear = PredictabilityAnalysis.Flag(m, 0.45, backtestError: 0.04)!;
        Assert.False(clear.Flagged);
        Assert.Null(clear.Reason);
        var unsure = PredictabilityAnalysis.Flag(m, 0.45, backtestError: 0.06)!;
        Assert.True(unsure.Flagged);
        Assert.Equal("the backtest error exceeds the predicted change", unsure.Reason);
        // No noise measured (one checkpoint per run): only the backtest can flag; no ratio.
        var noNoise = PredictabilityAnalysis.Flag(m with { Noise = null }, 0.5, backtestError: null)!;
        Assert.False(noNoise.Flagged);
        Assert.Null(noNoise.Ratio);
        Assert.Null(PredictabilityAnalysis.Flag(m, null, 0.01));
    }

    [Theory]
    [InlineData(1)]   // a backtest fold of this seed once threw from the covariance's SVD (now: no covariance, the fold scores as it can)
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AFlatTaskIsFlaggedAndAScalingTaskIsNot(int seed)
    {
        var ladder = LadderDescriptionFile.Read(SignalNoiseLadder.Write(_dir, seed));
        var prediction = LadderPredictor.Predict(ladder, new LadderPredictionRequest { Predictor = LadderPredictorKind.Auto });
        foreach (var target in prediction.Targets)
        {
            var scaling = target.Tasks.Single(t => t.Task == "scaling").Predictability!;
            var flat = target.Tasks.Single(t => t.Task == "flat").Predictability!;
            Assert.False(scaling.Flagged, $"{target.Target} scaling: {scaling}");
            Assert.True(scaling.Ratio > 10, $"{target.Target} scaling: {scaling}");
            Assert.True(flat.Flagged, $"{target.Target} flat: {flat}");
            Assert.True(flat.Ratio < 2, $"{target.Target} flat: {flat}");
            // Checkpoint noise of SD 0.01 (flat) and 0.004 (scaling), plus what the loss noise and trend add.
            Assert.InRange(flat.Noise!.Value, 0.006, 0.014);
            Assert.InRange(scaling.Noise!.Value, 0.002, 0.008);
        }
    }

    [Fact]
    public void NoiseIsThePooledSdOfTheLargestRunsLastTenCheckpoints()
    {
        var ladder = LadderDescriptionFile.Read(SignalNoiseLadder.Write(_dir, 5));
        var data = new LadderData(ladder);
        var task = ladder.Task("flat");
        var tp = TaskPredictors.Create(data, task, new LadderPredictionRequest(), [LadderPredictorKind.LargestRung]);
        var m = PredictabilityAnalysis.Of(data, tp);
        // The three 3.2B runs, their last 10 accuracies each, population variance pooled: sqrt(mean of the variances).
        var largest = ladder.LadderRuns.Where(r => r.Parameters == 3.2e9).ToArray();
        Assert.Equal(3, largest.Length);
        double pooled = largest.Average(r =>
        {
            var y = data.AccuracySeries(r, task).Y[^10..];
            double mean = y.Average();
            return y.Average(v => (v - mean) * (v - mean));
        });
        Assert.Equal(Math.Sqrt(pooled), m.Noise!.Value, 12);
        // Signal: the spread of the sizes' mean final accuracies; the largest rung: the largest-compute run's final accuracy.
        var sizes = tp.Points.GroupBy(p => p.N).Select(g => g.Average(p => p.Y)).ToArray();
        Assert.Equal(sizes.Max() - sizes.Min(), m.Signal, 12);
        Assert.Equal(tp.Points.Single(p => p.Run == "3200M-5xC").Y, m.LargestRung, 12);
    }

    [Fact]
    public void ATargetsActualMovesNoFlag()
    {
        var a = Directory.CreateDirectory(Path.Combine(_dir, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_dir, "b")).FullName;
        var request = new LadderPredictionRequest { Predictor = LadderPredictorKind.Auto };
        var pa = LadderPredictor.Predict(LadderDescriptionFile.Read(SignalNoiseLadder.Write(a, 4)), request);
        var pb = LadderPredictor.Predict(LadderDescriptionFile.Read(SignalNoiseLadder.Write(b, 4, targetShift: 0.2)), request);
        int compared = 0;
        for (int t = 0; t < SignalNoiseLadder.Targets.Length; t++)
            for (int k = 0; k < 2; k++)
            {
                var x = pa.Targets[t].Tasks[k];
                var y = pb.Targets[t].Tasks[k];
                Assert.NotEqual(x.Actual, y.Actual);   // the perturbation reached the targets
                Assert.NotNull(x.Predictability);
                Assert.Equal(x.Predictability, y.Predictability);
                compared++;
            }
        Assert.Equal(4, compared);
    }

    [Fact]
    public void TheDocsStateTheRuleAndThePaperLaddersNumbers()
    {
        const string f = "docs/ladders.md";
        var m = Claim(f, @"accuracy over the last n = (\d+) checkpoints");
        Stated(f, m.Groups[1], PredictabilityAnalysis.Checkpoints, "the checkpoints of the noise");
        m = Claim(f, @"flagged \(""low predictability""\) when the predicted change ≤ (\d+) × noise");
        Stated(f, m.Groups[1], PredictabilityAnalysis.NoiseMultiple, "the noise multiple");
        m = Claim(f, @"On the paper ladder no task is flagged with the default predictor: the noise SDs are ([\d.]+)–([\d.]+) points, the predicted changes (\d+)–(\d+) points");
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Predictor = LadderPredictorKind.Auto, Interval = IntervalMethod.Calibrated });
        var all = p.Targets.SelectMany(t => t.Tasks).Select(k => k.Predictability!).ToArray();
        Assert.Equal(16, all.Length);
        Assert.All(all, x => Assert.False(x.Flagged));
        Stated(f, m.Groups[1], 100 * all.Min(x => x.Noise!.Value), "the smallest noise SD (points)");
        Stated(f, m.Groups[2], 100 * all.Max(x => x.Noise!.Value), "the largest noise SD (points)");
        Stated(f, m.Groups[3], 100 * all.Min(x => x.PredictedChange), "the smallest predicted change (points)");
        Stated(f, m.Groups[4], 100 * all.Max(x => x.PredictedChange), "the largest predicted change (points)");
    }
}
