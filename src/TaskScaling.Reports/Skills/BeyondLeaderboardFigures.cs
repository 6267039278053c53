using ScottPlot;
using TaskScaling.Reports.Figures;
using TaskScaling.Skills.Downstream;
using TaskScaling.Skills.TestTime;
using static TaskScaling.Reports.Figures.PlotParts;
using Palette = TaskScaling.Reports.Figures.Palette;

namespace TaskScaling.Reports.Skills;

/// <summary>Figures of the extra analyses (spec §8): a downstream task predicted against actual, and coverage against k.</summary>
public static class BeyondLeaderboardFigures
{
    /// <summary>Predicted against actual score (%): the layer's training fits on Sloth skills and on principal components, and each target with its interval.</summary>
    public static Plot Downstream(DownstreamResult r)
    {
        var plot = FigureRenderer.NewPlot();
        var diag = plot.Add.Line(0, 0, 100, 100);
        diag.LineColor = Palette.Grey; diag.LinePattern = LinePattern.Dotted; diag.LegendText = "predicted = actual";
        Points(plot, r.Sloth.Training.Select(p => 100 * p.Actual).ToArray(), r.Sloth.Training.Select(p => 100 * p.Predicted).ToArray(), Palette.Of(0), "training models: Sloth skills", 7);
        Points(plot, r.Pca.Training.Select(p => 100 * p.Actual).ToArray(), r.Pca.Training.Select(p => 100 * p.Predicted).ToArray(), Palette.Of(3), "training models: principal components", 6, MarkerShape.OpenCircle);
        foreach (var t in r.Targets.Where(t => t.Actual is not null))
        {
            PointWithInterval(plot, 100 * t.Actual!.Value, 100 * t.Predicted, t.Lower * 100, t.Upper * 100, Palette.Actual, $"{t.Model}: Sloth skills");
            if (t.PcaPredicted is { } p) PointWithInterval(plot, 100 * t.Actual.Value, 100 * p, t.PcaLower * 100, t.PcaUpper * 100, Palette.Of(3), $"{t.Model}: principal components");
        }
        plot.XLabel($"Actual {r.Task} (%)");
        plot.YLabel($"Predicted {r.Task} (%)");
        plot.Title($"{r.Task}: predicted from latent skills and from principal components");
        LegendRight(plot);
        return plot;
    }

    /// <summary>Coverage (%) against k on a log axis: the layer's predicted curve and the pass@k estimate of the model's samples.</summary>
    public static Plot Coverage(CoverageCurve c)
    {
        var plot = FigureRenderer.NewPlot();
        var k = LogAxis.Log10(c.Points.Select(p => (double)p.K));
        Line(plot, k, c.Points.Select(p => 100 * p.Predicted).ToArray(), Palette.Of(0), "predicted coverage(k)", 2f);
        var est = c.Points.Where(p => p.Estimated is not null).ToArray();
        if (est.Length > 0)
            Points(plot, LogAxis.Log10(est.Select(p => (double)p.K)), est.Select(p => 100 * p.Estimated!.Value).ToArray(), Palette.Actual, "pass@k estimate (own samples)", 8);
        LogAxis.Apply(plot.Axes.Bottom);
        plot.XLabel("Samples k (log scale)");
        plot.YLabel("Coverage (%)");
        plot.Title($"{c.Model}: coverage against samples");
        LegendRight(plot);
        return plot;
    }
}
