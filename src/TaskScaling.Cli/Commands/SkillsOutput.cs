using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Cli.Commands;

/// <summary>Shared bits of the `skills` commands: data loading, number formatting, writing output.</summary>
internal static class SkillsOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The Sloth table with the benchmark columns of the given sets (only those must exist).</summary>
    public static LeaderboardTable Load(string? dataRoot, params string[] sets) =>
        LeaderboardReader.ReadSloth(dataRoot, sets.SelectMany(BenchmarkSets.ByName).Distinct().ToArray());

    public static string F(double v, string format = "F2") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static void WriteText(string text, string? outPath)
    {
        if (outPath is null) Console.Out.Write(text);
        else AtomicFile.WriteAllText(outPath, text);
    }

    public static void WriteRenderables(IEnumerable<IRenderable> items, string? outPath)
    {
        if (outPath is null)
        {
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
            foreach (var r in items) AnsiConsole.Write(r);
            return;
        }
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(sw), Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        foreach (var r in items) console.Write(r);
        AtomicFile.WriteAllText(outPath, sw.ToString());
    }

    /// <summary>Values may be given repeated or comma-separated.</summary>
    public static string[] Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
