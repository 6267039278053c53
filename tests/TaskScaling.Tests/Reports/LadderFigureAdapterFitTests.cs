using TaskScaling.Ladder;
using TaskScaling.Reports.Ladder;
using TaskScaling.Tests.Ladder;

namespace TaskScaling.Tests.Reports;

/// <summary>The ladder figures draw the prediction's own fits (no second fit).</summary>
public sealed class LadderFigureAdapterFitTests
{
    [Fact]
    public void Curves_and_captions_come_from_the_predictions_fits()
    {
        var d = ReferenceRun.Paper;
        var request = new LadderPredictionRequest { Targets = ["13B-5T"], Tasks = ["mmlu"], Interval = IntervalMethod.None };
        var p = LadderPredictor.Predict(d, request);
        var tf = p.Fit!.Task("mmlu");
        var set = LadderFigureAdapter.Build(p);
        // Without intervals the captions still carry standard errors: the prediction's fits keep their covariance.
        Assert.Equal(tf.Fit.Step1.Fit.Parameters, set.Step1[0].Form.Parameters.Select(e => e.Value));
        Assert.Equal(tf.Fit.Step1.Fit.StandardErrors, set.Step1[0].Form.Parameters.Select(e => e.StandardError));
        Assert.All(tf.Fit.Step1.Fit.StandardErrors, se => Assert.True(double.IsFinite(se)));

        // Hand the adapter a prediction whose step 2 was changed: the figure follows it, so nothing was refitted.
        var par = (double[])tf.Fit.Step2!.Fit.Parameters.Clone();
        par[3] -= 0.05;
        var changed = tf with { Fit = tf.Fit with { Step2 = tf.Fit.Step2 with { Fit = tf.Fit.Step2.Fit with { Parameters = par } } } };
        var shifted = LadderFigureAdapter.Build(p with { Fit = p.Fit with { Tasks = [changed] } });
        var s2 = shifted.Step2[0];
        Assert.Equal(par[3], s2.Ceiling);
        for (int i = 0; i < s2.Curve.X.Length; i += 25)
            Assert.Equal(set.Step2[0].Curve.Y[i] - 0.05, s2.Curve.Y[i], 1e-12);

        // The points are the prediction's: a prediction without them (from a saved fit) has nothing to draw.
        Assert.Equal(p.Points!.Single().Step1.Select(x => x.X).Order(), set.Step1[0].Sizes.SelectMany(z => z.Loss).Order());
        Assert.Throws<InvalidRequestException>(() => LadderFigureAdapter.Build(p with { Points = null }));
    }
}
