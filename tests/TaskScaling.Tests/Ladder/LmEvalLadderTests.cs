using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// A ladder from per-checkpoint lm-eval results gives the same predictions as the same ladder from W&amp;B CSVs
/// (the shipped CSVs converted in the test), for every variant and feature; what the data cannot support is refused.
/// </summary>
public sealed class LmEvalLadderTests(LmEvalLadderFixture fx) : IClassFixture<LmEvalLadderFixture>
{
    public static TheoryData<LadderVariant, LadderFeature> Variants() => new()
    {
        { LadderVariant.TwoStep, LadderFeature.Bpb },
        { LadderVariant.TwoStep, LadderFeature.C4 },
        { LadderVariant.TwoStep, LadderFeature.Ce },
        { LadderVariant.Flops, LadderFeature.Bpb },
        { LadderVariant.SingleStep, LadderFeature.Bpb },
        { LadderVariant.DirectAccuracy, LadderFeature.Bpb },
        { LadderVariant.Mc, LadderFeature.Bpb },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void PredictionsEqualTheCsvRoute(LadderVariant variant, LadderFeature feature)
    {
        var request = new LadderPredictionRequest { Variant = variant, Feature = feature };
        var csv = LadderPredictor.Predict(fx.Csv, request);
        var lm = LadderPredictor.Predict(fx.LmEval, request);
        Assert.Equal(csv.Targets.Select(t => (t.Target, t.Parameters, t.Tokens)), lm.Targets.Select(t => (t.Target, t.Parameters, t.Tokens)));
        int compared = 0;
        for (int t = 0; t < csv.Targets.Count; t++)
            for (int k = 0; k < csv.Targets[t].Tasks.Count; k++)
            {
                var a = csv.Targets[t].Tasks[k];
                var b = lm.Targets[t].Tasks[k];
                Assert.Equal((a.Task, a.Status), (b.Task, b.Status));
                foreach (var (x, y, what) in new[]
                {
                    (a.Predicted, b.Predicted, "predicted"), (a.Lower, b.Lower, "lower"), (a.Upper, b.Upper, "upper"),
                    (a.Actual, b.Actual, "actual"), (a.PredictedLoss, b.PredictedLoss, "predicted loss"),
                    (a.ActualLoss, b.ActualLoss, "actual loss"), (a.Step2Predicted, b.Step2Predicted, "step 2"),
                })
                {
                    Assert.True(x.HasValue == y.HasValue, $"{a.Task} {what}: {x} vs {y}");
                    if (x is null) continue;
                    Assert.True(Math.Abs(x.Value - y!.Value) <= 1e-9, $"{csv.Targets[t].Target} {a.Task} {what}: CSV {x} vs lm-eval {y}");
                    compared++;
                }
            }
        Assert.True(compared >= 2 * 8 * 2, $"only {compared} numbers compared");
        Assert.Contains(lm.Targets.SelectMany(t => t.Tasks), p => p.Status == PredictionStatus.Ok && p.Predicted is > 0 and < 1);
    }

    [Fact]
    public void TheTablesHoldTheSameRowsInTheSameOrder()
    {
        var csvData = new LadderData(fx.Csv);
        var lmData = new LadderData(fx.LmEval);
        foreach (var name in new[] { "760M-2xC", "1.3B-1xC", "7B-4T", "13B-5T" })
        {
            var s1 = csvData.Series(fx.Csv.Run(name), fx.Csv.Task("mmlu"), LadderFeature.C4);
            var s2 = lmData.Series(fx.LmEval.Run(name), fx.LmEval.Task("mmlu"), LadderFeature.C4);
            Assert.Equal(s1.Tokens, s2.Tokens);
            Assert.Equal(s1.Y, s2.Y);
            // C4 loss went through exp and back through the log transform.
            for (int i = 0; i < s1.Count; i++) Assert.Equal(s1.X[i], s2.X[i], 1e-12);
        }
    }

    [Fact]
    public void VariantsTheDataCannotSupportAreRefusedWithTheReason()
    {
        var noF = fx.LmEval with { Runs = fx.LmEval.Runs.Select(r => r with { FlopsPerToken = double.NaN }).ToArray() };
        var e = Assert.Throws<InvalidRequestException>(() => VariantSupport.Require(new LadderData(noF), new LadderPredictionRequest { Variant = LadderVariant.Flops }));
        Assert.Contains("FLOPs per token", e.Message);
        Assert.Contains("190M-1xC", e.Message);
        // Without F the other variants still work.
        var ok = LadderPredictor.Predict(noF, new LadderPredictionRequest { Tasks = ["hellaswag"], Interval = IntervalMethod.None });
        Assert.All(ok.Targets, t => Assert.Equal(PredictionStatus.Ok, t.Tasks[0].Status));

        var noC4 = fx.LmEval with { C4LossColumn = "c4_en/word_perplexity" };
        e = Assert.Throws<InvalidRequestException>(() => VariantSupport.Require(new LadderData(noC4), new LadderPredictionRequest { Feature = LadderFeature.C4 }));
        Assert.Contains("c4_en/word_perplexity", e.Message);

        var noLogProb = fx.LmEval with { Tasks = fx.LmEval.Tasks.Select(t => t with { LogProbability = [] }).ToArray() };
        e = Assert.Throws<InvalidRequestException>(() => VariantSupport.Require(new LadderData(noLogProb), new LadderPredictionRequest { Feature = LadderFeature.Ce, Tasks = ["piqa"] }));
        Assert.Contains("task 'piqa' names none (logProbability)", e.Message);

        var noInter = fx.LmEval with { Runs = fx.LmEval.Runs.Select(r => r with { IntermediateFile = null }).ToArray() };
        e = Assert.Throws<InvalidRequestException>(() => VariantSupport.Require(new LadderData(noInter), new LadderPredictionRequest { Variant = LadderVariant.Mc }));
        Assert.Contains("intermediateFile", e.Message);
        Assert.Contains("7B-4T", e.Message);

        var noLoss = fx.LmEval with { Tasks = fx.LmEval.Tasks.Select(t => t with { Loss = [] }).ToArray() };
        e = Assert.Throws<InvalidRequestException>(() => VariantSupport.Require(new LadderData(noLoss), new LadderPredictionRequest { Tasks = ["arc_easy"] }));
        Assert.Contains("task 'arc_easy' names no loss", e.Message);
        Assert.True(VariantSupport.Check(new LadderData(fx.LmEval), new LadderPredictionRequest { Variant = LadderVariant.Mc }).Supported);
    }

    [Fact]
    public void SingleStepNeedsNoFeatureAndMatchesTheTaskWithOne()
    {
        // A task named by its accuracy alone (as lm-eval's multiple-choice tasks are) supports single-step.
        var accOnly = fx.LmEval with { Tasks = fx.LmEval.Tasks.Select(t => t with { Loss = [], LogProbability = [] }).ToArray() };
        var request = new LadderPredictionRequest { Variant = LadderVariant.SingleStep, Tasks = ["hellaswag", "piqa"] };
        Assert.True(VariantSupport.Check(new LadderData(accOnly), request).Supported);
        var a = LadderPredictor.Predict(accOnly, request);
        var b = LadderPredictor.Predict(fx.LmEval, request);
        for (int t = 0; t < a.Targets.Count; t++)
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(PredictionStatus.Ok, a.Targets[t].Tasks[k].Status);
                Assert.Equal(b.Targets[t].Tasks[k].Predicted!.Value, a.Targets[t].Tasks[k].Predicted!.Value, 1e-12);
            }
    }
}
