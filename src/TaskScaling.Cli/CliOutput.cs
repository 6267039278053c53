using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;

namespace TaskScaling.Cli;

/// <summary>
/// Writing a command's output, shared by every command: to standard output, or whole-or-nothing to
/// --out (through <see cref="AtomicFile"/>); JSON with camelCase keys; RFC 4180 CSV.
/// </summary>
public static class CliOutput
{
    /// <summary>Width of tables written to a file or a pipe (a redirected console reports 80 columns).</summary>
    public const int RedirectedWidth = 160;

    /// <summary>JSON output: <see cref="JsonConventions.Indented"/>.</summary>
    public static JsonSerializerOptions Json => JsonConventions.Indented;

    public static void WriteText(string text, string? outPath)
    {
        if (outPath is null) Console.Out.Write(text);
        else AtomicFile.WriteAllText(outPath, text);
    }

    /// <summary>Sees every renderable a command writes (tests check that tables fit <see cref="NarrowTables.MaxWidth"/>).</summary>
    internal static Action<IRenderable>? Rendered { get; set; }

    public static void WriteRenderables(IEnumerable<IRenderable> items, string? outPath)
    {
        if (Rendered is { } seen) items = items.Select(r => { seen(r); return r; }).ToList();
        if (outPath is null)
        {
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, RedirectedWidth);
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
        console.Profile.Width = RedirectedWidth;
        foreach (var r in items) console.Write(r);
        AtomicFile.WriteAllText(outPath, sw.ToString());
    }

    /// <summary>RFC 4180 CSV through <see cref="CsvWriter"/>, one record a line (the platform's line break).</summary>
    public static string Csv(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows) =>
        CsvWriter.ToText(header, rows, Environment.NewLine);

    /// <summary>Option values given repeated or comma-separated: "a,b c" → [a, b, c].</summary>
    public static string[] SplitList(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
