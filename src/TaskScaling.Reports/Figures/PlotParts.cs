using ScottPlot;

namespace TaskScaling.Reports.Figures;

/// <summary>Small drawing helpers shared by the figures.</summary>
internal static class PlotParts
{
    public static ScottPlot.Plottables.Scatter Points(Plot plot, double[] x, double[] y, Color color, string? legend, float size = 6, MarkerShape shape = MarkerShape.FilledCircle)
    {
        var s = plot.Add.ScatterPoints(x, y, color);
        s.MarkerSize = size;
        s.MarkerShape = shape;
        if (legend is not null) s.LegendText = legend;
        return s;
    }

    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] x, double[] y, Color color, string? legend, float width = 1.5f, bool dashed = false)
    {
        var s = plot.Add.ScatterLine(x, y, color);
        s.LineWidth = width;
        if (dashed) s.LinePattern = LinePattern.Dashed;
        if (legend is not null) s.LegendText = legend;
        return s;
    }

    /// <summary>A marker with a vertical interval bar [lower, upper] (drawn only when both are known).</summary>
    public static void PointWithInterval(Plot plot, double x, double y, double? lower, double? upper, Color color, string legend,
        MarkerShape shape = MarkerShape.FilledSquare, float size = 9)
    {
        if (lower is { } lo && upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
        {
            var bar = new ScottPlot.Plottables.ErrorBar([x], [y], null, null, [hi - y], [y - lo]) { Color = color, LineWidth = 1.5f, CapSize = 8 };
            plot.Add.Plottable(bar);
        }
        var m = plot.Add.Marker(x, y, shape, size, color);
        m.LegendText = legend;
    }

    /// <summary>Legend outside the data area, on the right, so it never covers a point.</summary>
    public static void LegendRight(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
        plot.Legend.FontName = FigureFonts.Family;
    }

    public static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
