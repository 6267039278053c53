using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskScaling.Cli.Commands;

/// <summary>Number formatting of the `ladder` commands' tables (writing goes through <see cref="CliOutput"/>).</summary>
internal static class LadderOutput
{
    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, CliOutput.Json);

    public static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
    public static string Points(double? v) => v is { } x ? F(100 * x, "F2") : "–";
    public static string Percent(double? v, bool signed = false) =>
        v is { } x ? (signed && x >= 0 ? "+" : "") + F(100 * x, "F1") + "%" : "–";
    public static string Range(double? lo, double? hi, Func<double?, string> f) => lo is null || hi is null ? "–" : $"[{f(lo)}, {f(hi)}]";

    public static string Pct(double v) => (100 * v).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Big(double v) => v switch
    {
        >= 1e12 => (v / 1e12).ToString("0.###", CultureInfo.InvariantCulture) + "T",
        >= 1e9 => (v / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "B",
        >= 1e6 => (v / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "M",
        _ => v.ToString("G4", CultureInfo.InvariantCulture),
    };
}
