using System.CommandLine;

namespace TaskScaling.Cli;

/// <summary>
/// The output format of a parsed command line: --format, else the --out extension (.json, .csv), else table. An
/// explicit --format that contradicts the extension is a user error; run before the command, for every command.
/// </summary>
internal static class OutputFormats
{
    /// <summary>The format the extension of <paramref name="path"/> names, or null (.txt, none, …).</summary>
    public static OutputFormat? OfExtension(string? path) => Path.GetExtension(path ?? "").ToLowerInvariant() switch
    {
        ".json" => OutputFormat.Json,
        ".csv" => OutputFormat.Csv,
        _ => null,
    };

    /// <summary>The arguments to parse again with the inferred --format appended, or null when nothing is inferred.</summary>
    /// <exception cref="InvalidRequestException">--format contradicts the --out extension.</exception>
    public static string[]? Infer(ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        if (command.Options.OfType<Option<OutputFormat>>().FirstOrDefault(o => o.Name == "--format") is not { } format) return null;
        if (command.Options.OfType<OutOption>().FirstOrDefault(o => o.InfersFormat) is not { } outOption) return null;
        var path = parse.GetValue(outOption);
        if (OfExtension(path) is not { } implied) return null;
        if (parse.GetResult(format) is { Implicit: false })
        {
            var given = parse.GetValue(format);
            if (given != implied)
                throw new InvalidRequestException($"--format {Name(given)} contradicts --out {path} (a .{Name(implied)} file): give --format {Name(implied)}, or another extension");
            return null;
        }
        return [.. args, "--format", Name(implied)];
    }

    /// <summary>Whether the command line asks for JSON (then errors are one JSON object on stderr): --format json, or
    /// --out *.json without --format. Read from the words, so that it works for command lines that do not parse.</summary>
    public static bool WantsJson(string[] args)
    {
        string? format = null, outPath = null;
        for (int i = 0; i < args.Length; i++)
        {
            var (key, value) = args[i].Split('=', 2) is [var k, var v] && k.StartsWith("--", StringComparison.Ordinal) ? (k, v) : (args[i], i + 1 < args.Length ? args[i + 1] : null);
            if (key == "--format") format = value;
            else if (key == "--out") outPath = value;
        }
        return format is not null ? string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) : OfExtension(outPath) == OutputFormat.Json;
    }

    public static string Name(OutputFormat f) => f.ToString().ToLowerInvariant();
}
