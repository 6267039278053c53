using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// A prediction made with a predictor carries its fit (<see cref="LadderPrediction.Fit"/>): the fit, in memory and read
/// back from its file, predicts bit-identical numbers to the ladder data, at the stored targets and at new ones, with
/// calibrated intervals, auto's choices and the predictability flag.
/// </summary>
public sealed class LadderPredictorSavedFitTests
{
    private static readonly LadderDescription Paper = ReferenceRun.Paper;
    private static readonly LadderPredictionRequest Auto = new()
    {
        Predictor = LadderPredictorKind.Auto, Interval = IntervalMethod.Calibrated, Tasks = ["arc_easy", "csqa", "piqa"],
    };

    private static readonly Lazy<LadderPrediction> Fresh = new(() => LadderPredictor.Predict(Paper, Auto));

    [Fact]
    public void The_fit_and_its_file_reproduce_the_prediction_and_predict_a_new_target_as_the_data_does()
    {
        var fit = Fresh.Value.Fit!;
        Assert.Equal(LadderPredictorKind.Auto, fit.Predictor);
        Assert.Empty(fit.Tasks);
        var read = LadderFitFile.Parse(LadderFitFile.ToJson(fit, []), "fit.json").Payload;
        LadderFitAssert.Identical(Fresh.Value, fit.Predict(fit.Request));
        LadderFitAssert.Identical(Fresh.Value, read.Predict(read.Request));
        Assert.Contains(Fresh.Value.Targets[0].Tasks, k => k.Kappa is > 0 && k.Predictability is not null && k.Lower < k.Predicted);

        foreach (double? f in new double?[] { null, 4e11 })
        {
            var target = Auto with { Parameters = 70e9, Tokens = 15e12, FlopsPerToken = f };
            var fresh = LadderPredictor.Predict(Paper, target);
            LadderFitAssert.Identical(fresh, read.Predict(read.Request with { Parameters = 70e9, Tokens = 15e12, FlopsPerToken = f }));
            Assert.Equal(f is null ? "ensemble" : "flops", fresh.Targets[0].Tasks[1].Predictor);   // csqa: auto's choice with and without F
        }
    }

    [Fact]
    public void A_subset_of_tasks_is_predicted_from_the_fit_and_an_unknown_task_is_named()
    {
        var fit = Fresh.Value.Fit!;
        var one = fit.Predict(fit.Request with { Tasks = ["PIQA"] });
        Assert.Equal("piqa", Assert.Single(one.Targets[0].Tasks).Task);
        Assert.Equal(Fresh.Value.Targets[0].Tasks[2].Predicted, one.Targets[0].Tasks[0].Predicted);
        var e = Assert.Throws<InvalidRequestException>(() => fit.Predict(fit.Request with { Tasks = ["mmlu"] }));
        Assert.Contains("no task 'mmlu' (it has: arc_easy, csqa, piqa)", e.Message);
    }

    [Fact]
    public void A_predictor_fit_refuses_another_predictor_and_an_old_version()
    {
        var fit = Fresh.Value.Fit!;
        var e = Assert.Throws<InvalidRequestException>(() => fit.Predict(fit.Request with { Predictor = LadderPredictorKind.Ensemble }));
        Assert.Contains("made with the auto predictor, the request asks for the ensemble predictor", e.Message);
        var old = Assert.Throws<DataFormatException>(() => LadderFitFile.FromPayload(LadderFitFile.ToPayload(fit), "fit.json", version: 1));
        Assert.Contains("a fit made with a predictor is version 2, the file says 1", old.Message);
    }
}
