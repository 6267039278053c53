using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// The paper's tables, end to end on the shared data: every number is computed by the code from the CSVs
/// and compared with the paper's (issue 3 acceptance) or the reference scripts' published figures.
/// </summary>
public class ReproductionTests
{
    private static readonly string[] Tasks = ["mmlu", "hellaswag", "arc_challenge", "arc_easy", "piqa", "csqa", "socialiqa", "openbookqa"];

    private static readonly Lazy<LadderPrediction> TwoStep13B = new(() =>
        LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Targets = ["13B-5T"], Interval = IntervalMethod.Delta }));

    private static TaskPrediction Of(LadderPrediction p, string task) => p.Targets.Single().Tasks.Single(t => t.Task == task);

    [Fact]
    public void ChainedAccuracy13BWithinHalfAPointOfThePaper()
    {
        double[] paper = [51.27, 85.30, 52.67, 77.24, 82.08, 77.61, 59.95, 44.86];
        double[] actual = [51.61, 83.19, 63.81, 87.17, 82.96, 74.10, 61.60, 48.64];
        for (int i = 0; i < Tasks.Length; i++)
        {
            var t = Of(TwoStep13B.Value, Tasks[i]);
            Assert.Equal(PredictionStatus.Ok, t.Status);
            Assert.True(Math.Abs(100 * t.Predicted!.Value - paper[i]) <= 0.5, $"{Tasks[i]}: predicted {100 * t.Predicted:F2}, paper {paper[i]}");
            Assert.True(Math.Abs(100 * t.Actual!.Value - actual[i]) <= 0.005, $"{Tasks[i]}: actual {100 * t.Actual:F2}, paper {actual[i]}");
        }
    }

    [Fact]
    public void ChainedAccuracy13BMatchesTheReferenceRun()
    {
        foreach (var task in Tasks)
        {
            var reference = ReferenceRun.Task(task).GetProperty("chained prediction for 13B-5T (predict.py's y_pred)").GetDouble();
            Assert.True(Math.Abs(Of(TwoStep13B.Value, task).Predicted!.Value - reference) <= 1e-4,
                $"{task}: {Of(TwoStep13B.Value, task).Predicted:F6} vs reference {reference:F6}");
        }
    }

    [Fact]
    public void Step1Loss13BWithinOnePercentOfThePaper()
    {
        double[] paper = [0.7502, 0.6532, 0.7833, 0.5931, 0.8748, 0.6617, 0.9916, 1.2750];
        double[] actual = [0.7488, 0.6609, 0.7157, 0.5114, 0.8988, 0.8116, 0.9569, 1.2632];
        for (int i = 0; i < Tasks.Length; i++)
        {
            var t = Of(TwoStep13B.Value, Tasks[i]);
            Assert.True(Math.Abs(t.PredictedLoss!.Value / paper[i] - 1) <= 0.01, $"{Tasks[i]}: predicted loss {t.PredictedLoss:F4}, paper {paper[i]}");
            Assert.True(Math.Abs(t.ActualLoss!.Value - actual[i]) <= 5e-5, $"{Tasks[i]}: actual loss {t.ActualLoss:F4}, paper {actual[i]}");
            Assert.Equal((t.PredictedLoss.Value - t.ActualLoss.Value) / t.ActualLoss.Value, t.LossRelativeError!.Value, 12);
        }
    }

    [Fact]
    public void Step1Loss7BMatchesTheReferenceRun()
    {
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Targets = ["7B-4T"], Interval = IntervalMethod.None });
        foreach (var task in Tasks)
        {
            var reference = ReferenceRun.Task(task).GetProperty("step 1").GetProperty("predicted task loss at 7B-4T").GetDouble();
            var ours = Of(p, task).PredictedLoss!.Value;
            Assert.True(Math.Abs(ours / reference - 1) <= 1e-4, $"{task}: {ours:F6} vs reference {reference:F6}");
        }
    }

    [Fact]
    public void Step2Accuracy13BFromActualLossWithinHalfAPointOfThePaper()
    {
        double[] paper = [51.38, 84.16, 60.30, 81.94, 80.75, 71.73, 63.37, 45.72];
        for (int i = 0; i < Tasks.Length; i++)
        {
            var t = Of(TwoStep13B.Value, Tasks[i]);
            Assert.True(Math.Abs(100 * t.Step2Predicted!.Value - paper[i]) <= 0.5, $"{Tasks[i]}: step 2 {100 * t.Step2Predicted:F2}, paper {paper[i]}");
        }
    }

    [Fact]
    public void DeltaIntervalsContainThePredictionAndWidenWhenChained()
    {
        foreach (var t in TwoStep13B.Value.Targets.Single().Tasks)
        {
            Assert.True(t.Lower < t.Predicted && t.Predicted < t.Upper, $"{t.Task}: chained interval");
            Assert.True(t.LossLower < t.PredictedLoss && t.PredictedLoss < t.LossUpper, $"{t.Task}: loss interval");
            Assert.True(t.Step2Lower < t.Step2Predicted && t.Step2Predicted < t.Step2Upper, $"{t.Task}: step-2 interval");
            // The chained interval carries step 1's uncertainty too.
            Assert.True(t.Upper - t.Lower > t.Step2Upper - t.Step2Lower, $"{t.Task}: chained interval narrower than step 2's alone");
        }
    }

    [Fact]
    public void FlopsVariant7BMatchesTheReference()
    {
        double[] reference = [46.7, 79.8, 55.2, 79.1, 81.2, 76.0, 57.6, 45.8];
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["7B-4T"], Variant = LadderVariant.Flops, Interval = IntervalMethod.None,
        });
        Assert.Equal(49_412_071_424.0 * 3_945_065_873_408.0, p.Targets.Single().Compute!.Value, 1e-3 * 1e23);
        for (int i = 0; i < Tasks.Length; i++)
        {
            var t = Of(p, Tasks[i]);
            Assert.True(Math.Abs(100 * t.Predicted!.Value - reference[i]) <= 0.05 + 1e-9, $"{Tasks[i]}: {100 * t.Predicted:F2} vs {reference[i]}");
        }
    }

    [Fact]
    public void McVariant13BMatchesTheReference()
    {
        double[] pred = [0.6298, 0.8127, 0.6199, 0.7292, 0.8888, 0.8939, 0.6501, 0.6821];
        double[] actual = [0.6255, 0.7239, 0.7961, 0.9151, 0.7993, 0.7423, 0.7040, 0.7964];
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["13B-5T"], Variant = LadderVariant.Mc, Interval = IntervalMethod.None,
        });
        for (int i = 0; i < Tasks.Length; i++)
        {
            var t = Of(p, Tasks[i]);
            Assert.True(Math.Abs(t.Predicted!.Value - pred[i]) <= 5e-5 + 1e-9, $"{Tasks[i]}: {t.Predicted:F5} vs {pred[i]}");
            Assert.True(Math.Abs(t.Actual!.Value - actual[i]) <= 5e-5 + 1e-9, $"{Tasks[i]}: actual {t.Actual:F5} vs {actual[i]}");
        }
    }

    [Fact]
    public void HypotheticalTargetHasNoActual()
    {
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Parameters = 70e9, Tokens = 15e12, Tasks = ["mmlu", "hellaswag"] });
        var target = p.Targets.Single();
        Assert.Equal(70e9, target.Parameters);
        Assert.All(target.Tasks, t =>
        {
            Assert.Equal(PredictionStatus.Ok, t.Status);
            Assert.Null(t.Actual);
            Assert.Null(t.AbsoluteError);
            Assert.Null(t.Step2Predicted);
            Assert.InRange(t.Predicted!.Value, 0.25, 1.0);
        });
        // A bigger model trained longer is predicted to do better than the 13B.
        Assert.True(target.Tasks[0].Predicted > Of(TwoStep13B.Value, "mmlu").Predicted);
    }
}

public class VariantReproductionTests
{
    private static readonly string[] Tasks = ["mmlu", "hellaswag", "arc_challenge", "arc_easy", "piqa", "csqa", "socialiqa", "openbookqa"];

    [Fact]
    public void SingleStep13BMatchesTheReferenceOnSevenTasks()
    {
        // The reference's 13B-5T single-step predictions (spec §6). OpenBookQA is left out: its fit runs
        // along a degenerate direction (β → 0, E ≈ −e^b → −∞) and stops wherever the optimiser stops
        // (ours 0.4613 vs 0.46331).
        double[] reference = [0.47953, 0.83833, 0.49385, 0.80281, 0.82423, 0.71867, 0.57420, 0.46331];
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["13B-5T"], Variant = LadderVariant.SingleStep, Interval = IntervalMethod.None,
        }).Targets.Single();
        for (int i = 0; i < 7; i++)
        {
            var t = p.Tasks.Single(x => x.Task == Tasks[i]);
            Assert.True(Math.Abs(t.Predicted!.Value - reference[i]) <= 5e-6 + 1e-9, $"{Tasks[i]}: {t.Predicted:F6} vs {reference[i]}");
        }
        Assert.Equal(7, p.Tasks.Count(t => t.Step1Parameters!["q"] >= 1 - 1e-9));   // "q ends at 1 for 7 of 8"
        Assert.True(Math.Abs(p.Tasks.Single(x => x.Task == "openbookqa").Predicted!.Value - reference[7]) <= 0.005);
    }

    [Fact]
    public void DirectAccuracyFitsMoveAwayFromTheReferencesDegenerateStart()
    {
        // The reference's L-BFGS-B stops after one iteration for five tasks and predicts the
        // data-independent 0.6842 for four; ours descend. Where no finite minimiser exists the fit's
        // message says that the iteration limit was reached.
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest
        {
            Targets = ["13B-5T"], Variant = LadderVariant.DirectAccuracy, Interval = IntervalMethod.None,
        }).Targets.Single();
        var distinct = p.Tasks.Select(t => Math.Round(t.Predicted!.Value, 4)).Distinct().Count();
        Assert.Equal(8, distinct);
        Assert.All(p.Tasks, t =>
        {
            Assert.Equal(PredictionStatus.Ok, t.Status);
            Assert.InRange(t.Predicted!.Value, 0.0, 1.0);
            Assert.NotEqual(0.6842, Math.Round(t.Predicted.Value, 4));
        });
    }
}
