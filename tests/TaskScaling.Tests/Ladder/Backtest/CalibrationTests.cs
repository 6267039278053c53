using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Tests.Ladder.Backtest;

/// <summary>Calibrated intervals: the κ quantile, honest coverage on a misspecified synthetic ladder, and no use of a target's actual.</summary>
public sealed class CalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("calibration").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void KappaIsTheSmallestValueThatCoversTheLevel()
    {
        // Residuals 1..10 at Δ = 1, σ = 0, z = 1: residual i is covered from κ = i; 90% of 10 → the 9th.
        var r = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        double kappa = ExtrapolationCalibration.Kappa(r, new double[10], Enumerable.Repeat(1.0, 10).ToArray(), z: 1, level: 0.9);
        Assert.Equal(9, kappa, 12);
        // σ alone covers residual 3 when σ = 3 (z = 1): its κ is 0; at Δ = 2 the others need half.
        double k2 = ExtrapolationCalibration.Kappa([3, 4], [3, 0], [2, 2], z: 1, level: 0.5);
        Assert.Equal(0, k2);
        Assert.Equal(5, ExtrapolationCalibration.StandardError(3, 2, 2), 12);
        Assert.Equal(0.2 + 2 / 0.1 * 0.05, ExtrapolationCalibration.IntervalScore(0.5, 0.7, 0.75, 0.1), 12);
    }

    [Fact]
    public void CalibratedIntervalsCoverAboutNominallyWhereDeltaIntervalsUnderCover()
    {
        int seeds = 24, calibrated = 0, delta = 0, n = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_dir, $"s{seed}")).FullName;
            var ladder = LadderDescriptionFile.Read(NoisyLadder.Write(dir, seed));
            var request = new LadderPredictionRequest { Predictor = LadderPredictorKind.TwoStep, Interval = IntervalMethod.Calibrated };
            var cal = LadderPredictor.Predict(ladder, request);
            var del = LadderPredictor.Predict(ladder, request with { Interval = IntervalMethod.Delta });
            for (int t = 0; t < NoisyLadder.Targets.Length; t++)
            {
                var c = cal.Targets[t].Tasks[0];
                var d = del.Targets[t].Tasks[0];
                Assert.Equal(c.Predicted, d.Predicted);
                Assert.Equal("calibrated", c.IntervalMethod);
                n++;
                if (c.Actual >= c.Lower && c.Actual <= c.Upper) calibrated++;
                if (d.Actual >= d.Lower && d.Actual <= d.Upper) delta++;
            }
        }
        double calCoverage = calibrated / (double)n, deltaCoverage = delta / (double)n;
        Assert.InRange(calCoverage, 0.75, 1.0);
        Assert.True(deltaCoverage < 0.6, $"delta coverage {deltaCoverage:P0} (calibrated {calCoverage:P0})");
    }

    [Fact]
    public void ATargetsActualMovesNoPredictionChoiceOrInterval()
    {
        var a = Directory.CreateDirectory(Path.Combine(_dir, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_dir, "b")).FullName;
        var request = new LadderPredictionRequest { Predictor = LadderPredictorKind.Auto, Interval = IntervalMethod.Calibrated };
        var pa = LadderPredictor.Predict(LadderDescriptionFile.Read(NoisyLadder.Write(a, 7)), request);
        var pb = LadderPredictor.Predict(LadderDescriptionFile.Read(NoisyLadder.Write(b, 7, targetShift: 0.15)), request);
        for (int t = 0; t < NoisyLadder.Targets.Length; t++)
        {
            var x = pa.Targets[t].Tasks[0];
            var y = pb.Targets[t].Tasks[0];
            Assert.NotEqual(x.Actual, y.Actual);
            Assert.Equal(x.Predicted, y.Predicted);
            Assert.Equal(x.Lower, y.Lower);
            Assert.Equal(x.Upper, y.Upper);
            Assert.Equal(x.Predictor, y.Predictor);
            Assert.Equal(x.BacktestError, y.BacktestError);
        }
        foreach (var kind in new[] { LadderPredictorKind.Ensemble, LadderPredictorKind.Direct })
        {
            var r = request with { Predictor = kind };
            var ea = LadderPredictor.Predict(LadderDescriptionFile.Read(Path.Combine(a, "ladder.json")), r);
            var eb = LadderPredictor.Predict(LadderDescriptionFile.Read(Path.Combine(b, "ladder.json")), r);
            Assert.Equal(ea.Targets.Select(t => (t.Tasks[0].Predicted, t.Tasks[0].Lower, t.Tasks[0].Upper)),
                eb.Targets.Select(t => (t.Tasks[0].Predicted, t.Tasks[0].Lower, t.Tasks[0].Upper)));
        }
    }

    [Fact]
    public void BacktestSkipsUnidentifiableFoldsAndScoresEveryPredictor()
    {
        var ladder = LadderDescriptionFile.Read(NoisyLadder.Write(_dir, 3));
        var r = LadderBacktest.Run(ladder, new LadderBacktestRequest());
        // Sizes 200M and 400M leave fewer than 3 distinct N to fit on.
        Assert.Contains(r.Folds, f => f.Name == "size 200M" && f.Skipped!.Contains("distinct N", StringComparison.Ordinal));
        Assert.Contains(r.Folds, f => f.Name == "size 3200M" && f.Skipped is null && f.HeldOutRuns.Count == 3);
        Assert.Contains(r.Folds, f => f.Name.StartsWith("largest rung 3200M-5xC", StringComparison.Ordinal) && f.TrainRuns.Count == 17);
        foreach (var kind in Enum.GetValues<LadderPredictorKind>())
        {
            var s = r.Summary.Single(x => x.Task == "all" && x.Predictor == kind);
            Assert.True(s.Count > 0, kind.ToString());
            Assert.InRange(s.Coverage!.Value, 0, 1);
            Assert.True(s.IntervalScore >= s.MeanWidth, kind.ToString());
        }
        var row = r.Rows.First(x => x.Predictor == LadderPredictorKind.TwoStep && x.Status == PredictionStatus.Ok);
        Assert.Equal(Math.Abs(row.Predicted!.Value - row.Actual), row.AbsoluteError!.Value, 12);
        Assert.Equal(row.Covered, row.Actual >= row.Lower && row.Actual <= row.Upper);
        // Auto chooses from the other sizes only: its rows copy the chosen predictor's.
        var auto = r.Rows.First(x => x.Predictor == LadderPredictorKind.Auto && x.Status == PredictionStatus.Ok);
        var chosen = r.Rows.Single(x => x.Predictor == auto.Chosen && x.Fold == auto.Fold && x.Run == auto.Run && x.Task == auto.Task);
        Assert.Equal(chosen.Predicted, auto.Predicted);
    }

    [Fact]
    public void TwoStepPredictorWithDeltaIsTheVariantExactly()
    {
        var ladder = PaperLadder.Create(ReferenceRun.DataRoot);
        var variant = LadderPredictor.Predict(ladder, new LadderPredictionRequest { Tasks = ["mmlu", "csqa"] });
        var predictor = LadderPredictor.Predict(ladder, new LadderPredictionRequest { Tasks = ["mmlu", "csqa"], Predictor = LadderPredictorKind.TwoStep });
        Assert.Null(predictor.Predictor);
        Assert.Equal(variant.Targets.SelectMany(t => t.Tasks), predictor.Targets.SelectMany(t => t.Tasks), new TaskPredictionComparer());
    }

    [Fact]
    public void TwoStepAndFlopsSharingAFoldsStep2FitPredictAsIfEachFittedItsOwn()
    {
        var data = new LadderData(PaperLadder.Create(ReferenceRun.DataRoot));
        var task = data.Description.Task("mmlu");
        var tp = TaskPredictors.Create(data, task, new LadderPredictionRequest(), [LadderPredictorKind.TwoStep, LadderPredictorKind.Flops]);
        var folds = BacktestFolds.Of(tp.Runs, tp.Points, tp.UseF).Where(f => f.Skipped is null).ToArray();
        Assert.NotEmpty(folds);
        foreach (var kind in new[] { LadderPredictorKind.TwoStep, LadderPredictorKind.Flops })
        {
            var own = new VariantPredictor(kind, ((VariantPredictor)tp.Available[kind]).Pipeline);   // no shared step 2
            foreach (var fold in folds)
            {
                var shared = tp.Available[kind].Fit(fold.Train, new FoldStart(null, null), out _)!.At;
                var alone = own.Fit(fold.Train, new FoldStart(null, null), out _)!.At;
                foreach (var i in fold.HeldOut)
                    Assert.Equal(alone(RunInput.Of(tp.Points[i])), shared(RunInput.Of(tp.Points[i])));
            }
        }
    }

    private sealed class TaskPredictionComparer : IEqualityComparer<TaskPrediction>
    {
        public bool Equals(TaskPrediction? x, TaskPrediction? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);
        public int GetHashCode(TaskPrediction obj) => 0;
    }
}
