using System.Globalization;
using ScottPlot;

namespace TaskScaling.Reports.Figures;

/// <summary>
/// Log-scaled axes. ScottPlot 5 has no log scale: data are plotted as log10(v) and the axis is given ticks
/// at whole decades, labelled 10ⁿ (or by a custom formatter), with minor ticks at 2…9 × 10ⁿ.
/// </summary>
internal static class LogAxis
{
    public static void Apply(IAxis axis, Func<double, string>? label = null)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = label ?? PowerOfTen,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
    }

    public static double[] Log10(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();

    /// <summary>"10²⁰" for the decade exponent 20.</summary>
    public static string PowerOfTen(double exponent)
    {
        var e = (int)Math.Round(exponent);
        return "10" + Superscript(e);
    }

    /// <summary>Model sizes in billions on a log axis: 10^0 → "1B", 10^2 → "100B", 10^-1 → "0.1B".</summary>
    public static string Billions(double exponent) =>
        Math.Pow(10, Math.Round(exponent)).ToString("0.###", CultureInfo.InvariantCulture) + "B";

    public static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var s = Math.Abs(n).ToString(CultureInfo.InvariantCulture);
        var chars = s.Select(c => digits[c - '0']).ToArray();
        return (n < 0 ? "⁻" : "") + new string(chars);
    }
}
