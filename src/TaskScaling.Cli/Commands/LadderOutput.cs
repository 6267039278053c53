using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;

namespace TaskScaling.Cli.Commands;

/// <summary>Writing a command's output: to the console, or whole-or-nothing to --out.</summary>
internal static class LadderOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Json);

    public static void WriteText(string text, string? outPath)
    {
        if (outPath is null) Console.Out.Write(text);
        else AtomicFile.WriteAllText(outPath, text);
    }

    public static void WriteRenderables(IEnumerable<IRenderable> items, string? outPath)
    {
        if (outPath is null)
        {
            // A redirected stdout reports 80 columns; the tables need more.
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
            foreach (var r in items) AnsiConsole.Write(r);
            return;
        }
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(sw),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        foreach (var r in items) console.Write(r);
        AtomicFile.WriteAllText(outPath, sw.ToString());
    }

    public static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
    public static string Points(double? v) => v is { } x ? F(100 * x, "F2") : "–";
    public static string Percent(double? v, bool signed = false) =>
        v is { } x ? (signed && x >= 0 ? "+" : "") + F(100 * x, "F1") + "%" : "–";
    public static string Range(double? lo, double? hi, Func<double?, string> f) => lo is null || hi is null ? "–" : $"[{f(lo)}, {f(hi)}]";

    public static string Csv(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", header));
        foreach (var row in rows) sb.AppendLine(string.Join(",", row.Select(CsvCell)));
        return sb.ToString();
    }

    private static string CsvCell(object? v) => v switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s when s.IndexOfAny([',', '"', '\n', '\r']) >= 0 => "\"" + s.Replace("\"", "\"\"") + "\"",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Pct(double v) => (100 * v).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Big(double v) => v switch
    {
        >= 1e12 => (v / 1e12).ToString("0.###", CultureInfo.InvariantCulture) + "T",
        >= 1e9 => (v / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "B",
        >= 1e6 => (v / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "M",
        _ => v.ToString("G4", CultureInfo.InvariantCulture),
    };
}
