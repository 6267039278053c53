using System.Globalization;
using ScottPlot;
using TaskScaling.Reports.Figures;
using TaskScaling.Skills;
using static TaskScaling.Reports.Figures.PlotParts;
using Palette = TaskScaling.Reports.Figures.Palette;

namespace TaskScaling.Reports.Skills;

/// <summary>The Sloth paper's figures from <see cref="HeatmapData"/> and the library's <see cref="LinkFunctionCurves"/>.</summary>
public static class SkillsFigures
{
    /// <summary>An annotated heat map: rows top to bottom in the given order, a colour bar, each cell's value written in it.</summary>
    public static Plot Heatmap(HeatmapData d)
    {
        var plot = FigureRenderer.NewPlot();
        int rows = d.Rows.Count, cols = d.Columns.Count;
        var hm = plot.Add.Heatmap(d.Values);
        // Cell (r, c) is centred at x = c, y = rows − 1 − r: row 0 at the top, as in a table. ScottPlot's Position is
        // the rectangle of the outer cells' centres (checked by eye: it needs at least two rows and two columns).
        hm.Position = new CoordinateRect(0, cols - 1, 0, rows - 1);
        if (d.Diverging)
        {
            double m = 0;
            foreach (var v in d.Values) if (double.IsFinite(v)) m = Math.Max(m, Math.Abs(v));
            hm.Colormap = new ScottPlot.Colormaps.Balance();
            hm.ManualRange = new ScottPlot.Range(-Math.Max(m, 1e-9), Math.Max(m, 1e-9));
        }
        else hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(hm);
        bar.Label = d.ValueLabel;
        bar.LabelStyle.FontName = FigureFonts.Family;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                var v = d.Values[r, c];
                var t = plot.Add.Text(double.IsFinite(v) ? v.ToString(d.Format, CultureInfo.InvariantCulture) : "–", c, rows - 1 - r);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = cols * rows > 60 ? 10 : 13;
                t.LabelFontName = FigureFonts.Family;
                t.LabelFontColor = Colors.Black;
                t.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
            }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), d.Rows.ToArray());
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(c => (double)c).ToArray(), d.Columns.ToArray());
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        plot.Grid.IsVisible = false;
        plot.XLabel(d.XLabel);
        plot.YLabel(d.YLabel);
        plot.Title(d.Title);
        return plot;
    }

    private static readonly string[] MethodOrder = ["Sloth", "Sloth basic", "FLOPs", "PCA + FLOPs"];

    /// <summary>Predicted score (%) against model size (log axis) at the family's tokens, one line per method, the family's models as points.</summary>
    public static Plot Link(LinkFunctionCurves d)
    {
        var plot = FigureRenderer.NewPlot();
        foreach (var c in d.Curves)
        {
            int i = Array.IndexOf(MethodOrder, c.Method);
            Line(plot, LogAxis.Log10(c.SizeBillions), c.Score.Select(v => 100 * v).ToArray(), Palette.Of(i < 0 ? 5 : i), c.Method, 2f, dashed: i >= 2);
        }
        var train = d.Observed.Where(o => !o.HeldOut).ToArray();
        var held = d.Observed.Where(o => o.HeldOut).ToArray();
        if (train.Length > 0)
            Points(plot, LogAxis.Log10(train.Select(o => o.SizeBillions)), train.Select(o => 100 * o.Score).ToArray(), Palette.Target,
                $"{d.Family}: fitted models", 9);
        if (held.Length > 0)
            Points(plot, LogAxis.Log10(held.Select(o => o.SizeBillions)), held.Select(o => 100 * o.Score).ToArray(), Palette.Actual,
                $"{d.Family}: held out", 12, MarkerShape.FilledDiamond);
        var lb = plot.Add.HorizontalLine(100 * d.LowerBound, 1, Palette.Grey, LinePattern.Dotted);
        lb.LegendText = string.Create(CultureInfo.InvariantCulture, $"lower bound c = {100 * d.LowerBound:0.#}");
        LogAxis.Apply(plot.Axes.Bottom, LogAxis.Billions);
        plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"Model size S (parameters, log scale) at T = {d.TokensTrillions:0.###}T tokens"));
        plot.YLabel($"{d.Benchmark} score (%)");
        plot.Title($"{d.Benchmark}: predicted score for {d.Family}");
        LegendRight(plot);
        return plot;
    }
}
