using ScottPlot.Plottables;
using TaskScaling.Ladder;
using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Ladder;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Reports;

/// <summary>The ladder figures are handed the library's numbers: points, fitted values, intervals, actuals.</summary>
public sealed class LadderFigureTests
{
    private static readonly Lazy<(LadderDescription D, LadderFigureSet Set)> Shared = new(() =>
    {
        var d = PaperLadder.Create(DataLocation.Resolve());
        return (d, LadderFigureAdapter.Build(LadderPredictor.Predict(d, new LadderPredictionRequest { Targets = ["13B-5T"] })));
    });

    [Fact]
    public void Step1_points_curves_and_target_are_the_librarys()
    {
        var (desc, set) = Shared.Value;
        var target = set.Prediction.Targets.Single();
        Assert.Equal(8, set.Step1.Count);
        var data = new LadderData(desc);
        foreach (var s1 in set.Step1)
        {
            var tp = target.Tasks.Single(t => t.Task == s1.Task);
            var expected = Step1Data.Prepare(data, desc.LadderRuns, desc.Task(s1.Task), set.Prediction.Settings);
            Assert.Equal(expected.Select(p => p.X).Order(), s1.Sizes.SelectMany(s => s.Loss).Order());
            Assert.Equal(expected.Select(p => p.C).Order(), s1.Sizes.SelectMany(s => s.Compute).Order());
            Assert.Equal(tp.PredictedLoss, s1.Loss.Predicted);
            Assert.Equal(tp.LossLower, s1.Loss.Lower);
            Assert.Equal(tp.LossUpper, s1.Loss.Upper);
            Assert.Equal(tp.ActualLoss, s1.Loss.Actual);
            // The caption's estimates are the prediction's parameters, and the target's curve ends at the prediction.
            Assert.Equal(tp.Step1Parameters!.Values, s1.Form.Parameters.Select(p => p.Value));
            Assert.All(s1.Form.Parameters, p => Assert.False(double.IsNaN(p.StandardError) && p.Value > 1e-6, $"{s1.Task} {p.Name}: no SE"));
            Assert.Equal(target.Tokens, s1.TargetCurveTokens[^1], 1e-3 * target.Tokens);
            Assert.Equal(tp.PredictedLoss!.Value, s1.TargetCurveLoss[^1], 1e-9);
            // Each size's compute curve reaches the target's compute.
            Assert.All(s1.Sizes, s => Assert.Equal(target.Compute!.Value, s.CurveCompute[^1], 1e-9 * target.Compute.Value));
        }
    }

    [Fact]
    public void Step1_plot_is_handed_the_points_and_the_prediction()
    {
        var s1 = Shared.Value.Set.Step1[0];
        var plot = LadderFigures.Step1Compute(s1);
        var scatters = plot.GetPlottables<Scatter>().ToArray();
        var ladder = scatters.Where(s => s.LegendText.EndsWith("ladder runs", StringComparison.Ordinal)).ToArray();
        Assert.Equal(s1.Sizes.Count, ladder.Length);
        for (int i = 0; i < ladder.Length; i++)
        {
            var pts = ladder[i].Data.GetScatterPoints();
            Assert.Equal(s1.Sizes[i].Compute.Select(Math.Log10), pts.Select(p => p.X));
            Assert.Equal(s1.Sizes[i].Loss, pts.Select(p => p.Y));
        }
        var markers = plot.GetPlottables<Marker>().ToArray();
        var predicted = markers.Single(m => m.LegendText.Contains("predicted", StringComparison.Ordinal));
        Assert.Equal(Math.Log10(s1.TargetCompute), predicted.X);
        Assert.Equal(s1.Loss.Predicted!.Value, predicted.Y);
        var actual = markers.Single(m => m.LegendText.EndsWith("actual", StringComparison.Ordinal));
        Assert.Equal(s1.Loss.Actual!.Value, actual.Y);
        var bar = plot.GetPlottables<ErrorBar>().Single();
        Assert.Equal(s1.Loss.Upper!.Value - s1.Loss.Predicted.Value, bar.YErrorPositive![0], 1e-15);
        Assert.Equal(s1.Loss.Predicted.Value - s1.Loss.Lower!.Value, bar.YErrorNegative![0], 1e-15);
    }

    [Fact]
    public void Step2_points_sigmoid_floor_ceiling_and_target_are_the_librarys()
    {
        var (desc, set) = Shared.Value;
        var target = set.Prediction.Targets.Single();
        var data = new LadderData(desc);
        foreach (var s2 in set.Step2)
        {
            var tp = target.Tasks.Single(t => t.Task == s2.Task);
            var expected = Step2Data.Prepare(data, desc.LadderRuns, desc.Task(s2.Task), set.Prediction.Settings);
            var ladderPoints = expected.Where(p => p.Run != Step2Data.ExtraPointRun).ToArray();
            Assert.Equal(ladderPoints.Select(p => p.X).Order(), s2.Sizes.SelectMany(s => s.Loss).Order());
            Assert.Equal(ladderPoints.Select(p => p.Y).Order(), s2.Sizes.SelectMany(s => s.Accuracy).Order());
            Assert.Equal([0.0], s2.ExtraPoint!.X);
            Assert.Equal([1.0], s2.ExtraPoint.Y);
            var p = tp.Step2Parameters!;
            Assert.Equal(p["a"] + p["b"], s2.Floor);
            Assert.Equal(p["b"], s2.Ceiling);
            Assert.Equal(p.Values, s2.Form.Parameters.Select(e => e.Value));
            // The curve is the fitted sigmoid: a / (1 + exp(−k (L − L0))) + b.
            for (int i = 0; i < s2.Curve.X.Length; i += 20)
                Assert.Equal(p["a"] / (1 + Math.Exp(-p["k"] * (s2.Curve.X[i] - p["L0"]))) + p["b"], s2.Curve.Y[i], 1e-12);
            Assert.Equal(tp.PredictedLoss, s2.PredictedLoss);
            Assert.Equal(tp.Predicted, s2.Chained.Predicted);
            Assert.Equal(tp.Lower, s2.Chained.Lower);
            Assert.Equal(tp.Upper, s2.Chained.Upper);
            Assert.Equal(tp.Step2Predicted, s2.Step2.Predicted);
            Assert.Equal(tp.Step2Lower, s2.Step2.Lower);
            Assert.Equal(tp.Actual, s2.Step2.Actual);
        }
    }

    [Fact]
    public void Chained_rows_are_the_predictions_in_points()
    {
        var (_, set) = Shared.Value;
        var target = set.Prediction.Targets.Single();
        var rows = set.Chained.Single().Rows;
        Assert.Equal(target.Tasks.Select(t => t.Task), rows.Select(r => r.Task));
        foreach (var (r, t) in rows.Zip(target.Tasks))
        {
            Assert.Equal(t.Predicted * 100, r.Predicted);
            Assert.Equal(t.Lower * 100, r.Lower);
            Assert.Equal(t.Upper * 100, r.Upper);
            Assert.Equal(t.Actual * 100, r.Actual);
            Assert.Equal(t.AbsoluteError * 100, r.AbsoluteError);
        }
        var plot = LadderFigures.Chained(set.Chained.Single());
        var markers = plot.GetPlottables<Marker>().ToArray();
        Assert.Equal(rows.Select(r => (r.Actual!.Value, r.Predicted!.Value)), markers.Select(m => (m.X, m.Y)));
    }

    [Fact]
    public void Analysis_figures_carry_the_analyses_numbers()
    {
        var (desc, _) = Shared.Value;
        var v = VarianceAnalysis.Run(desc, new VarianceRequest());
        var vd = LadderFigureAdapter.Variance(v);
        Assert.Equal(v.Tasks.Select(t => t.LossSd), vd.Rows.Select(r => r.LossSd));
        Assert.Equal(v.Tasks.Select(t => 100 * t.AccuracySd), vd.Rows.Select(r => r.AccuracySdPoints));
        Assert.Equal(v.Tasks.Select(t => 100 * t.LossCv), vd.Rows.Select(r => r.LossCvPercent));
        var bars = LadderFigures.VarianceCv(vd).GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal(vd.Rows.SelectMany(r => new[] { r.LossCvPercent, r.AccuracyCvPercent }), bars.Select(b => b.Value));

        var cve = new ComputeVsErrorReport
        {
            Target = "7B-4T",
            Rows =
            [
                new SubsetError { Series = SubsetSeries.VaryCompute, Step = 1, Runs = ["a"], X = 1e19, TotalCompute = 1e19, Task = "mmlu", ChainedError = 0.2 },
                new SubsetError { Series = SubsetSeries.VaryCompute, Step = 2, Runs = ["a", "b"], X = 3e19, TotalCompute = 3e19, Task = "mmlu", ChainedError = 0.1 },
            ],
        };
        var figs = LadderFigureAdapter.ComputeError(cve, k => k.ToUpperInvariant());
        var line = Assert.Single(figs[0].Lines);
        Assert.Equal("MMLU", line.Label);
        Assert.Equal([1e19, 3e19], line.Compute);
        Assert.Equal([20.0, 10.0], line.ErrorPercent);
    }

    [Fact]
    public void Ladder_figure_renders_the_same_bytes_twice()
    {
        var s2 = Shared.Value.Set.Step2[1];
        var a = FigureRenderer.Render(LadderFigures.Step2(s2), "x");
        var b = FigureRenderer.Render(LadderFigures.Step2(s2), "x");
        Assert.Equal(a.Png, b.Png);
        Assert.Equal(a.Svg, b.Svg);
        Assert.True(a.Png.Length > 10_000);
        System.Xml.Linq.XDocument.Parse(a.Svg);
    }
}
