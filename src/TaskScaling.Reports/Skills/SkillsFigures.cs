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
        // Label colour by the cell's luminance (Rec. 709 weights on sRGB): dark text on light cells, white on dark ones.
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in d.Values) if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (hm.ManualRange is { } range) (lo, hi) = (range.Min, range.Max);
        Color LabelColour(double v)
        {
            if (!double.IsFinite(v)) return Colors.Black;
            var c = hm.Colormap.GetColor(hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5);
            return 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B > 128 ? Colors.Black : Colors.White;
        }
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
                t.LabelFontColor = LabelColour(v);
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
        // Shade the sizes outside the training models' range: there every curve extrapolates.
        var all = d.Curves.SelectMany(c => c.SizeBillions).ToArray();
        if (all.Length > 0 && double.IsFinite(d.TrainingSizeMin))
        {
            double gridMin = all.Min(), gridMax = all.Max();
            bool legend = true;
            foreach (var (a, b) in new[] { (gridMin, d.TrainingSizeMin), (d.TrainingSizeMax, gridMax) })
            {
                if (!(b > a)) continue;
                var span = plot.Add.HorizontalSpan(Math.Log10(a), Math.Log10(b), Palette.Grey.WithAlpha(0.15));
                span.LineStyle.Width = 0;
                if (legend) { span.LegendText = "outside the training sizes"; legend = false; }
            }
        }
        foreach (var c in d.Curves)
        {
            int i = Array.IndexOf(MethodOrder, c.Method);
            if (c.Lower is { } lower && c.Upper is { } upper)
            {
                var band = plot.Add.FillY(LogAxis.Log10(c.SizeBillions), upper.Select(v => 100 * v).ToArray(), lower.Select(v => 100 * v).ToArray());
                band.FillStyle.Color = Palette.Of(i < 0 ? 5 : i).WithAlpha(0.2);
                band.LineStyle.Width = 0;
                band.LegendText = $"{c.Method}: range over seeds";
            }
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
