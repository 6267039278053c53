using ScottPlot;

namespace TaskScaling.Reports.Figures;

/// <summary>Fixed colours (the Tableau-10 palette), so a series keeps its colour from run to run.</summary>
internal static class Palette
{
    // Tableau-10 without its red (kept for "actual") and grey (kept for guides).
    private static readonly string[] Hex =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78"];

    public static Color Of(int i) => Color.FromHex(Hex[((i % Hex.Length) + Hex.Length) % Hex.Length]);

    public static Color Target => Color.FromHex("#000000");
    public static Color Actual => Color.FromHex("#d62728");
    /// <summary>The step-2-alone prediction (at the actual loss).</summary>
    public static Color Step2 => Color.FromHex("#17becf");
    public static Color Grey => Color.FromHex("#7f7f7f");
}
