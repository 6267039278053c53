using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskScaling.Data.LmEval;

/// <summary>
/// lm-eval's config.model_args: either a string "pretrained=org/name,revision=step1000,dtype=bfloat16"
/// or (newer versions) a JSON object. Both become key → value text; the string form splits on commas,
/// then on the first '='.
/// </summary>
internal static partial class ModelArguments
{
    public static (Dictionary<string, string> Args, string? Text) Parse(JsonElement? element)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is not { } e) return (args, null);
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                var text = e.GetString() ?? "";
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    int eq = part.IndexOf('=');
                    if (eq <= 0) args[part] = "";
                    else args[part[..eq].Trim()] = part[(eq + 1)..].Trim();
                }
                return (args, text);
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    args[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString() ?? "",
                        JsonValueKind.True => "True",
                        JsonValueKind.False => "False",
                        JsonValueKind.Null => "None",
                        _ => p.Value.GetRawText(),
                    };
                return (args, string.Join(",", args.Select(kv => $"{kv.Key}={kv.Value}")));
            default:
                return (args, null);
        }
    }

    /// <summary>N from a revision "stepN" (also "stepN-tokensM..." as OLMo names its checkpoints).</summary>
    public static long? StepFromRevision(string? revision)
    {
        if (revision is null) return null;
        var m = RevisionStep().Match(revision.Trim());
        return m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    /// <summary>N from "stepN" in a file name (e.g. "160m_step143000.json"); null when absent or ambiguous.</summary>
    public static long? StepFromFileName(string path)
    {
        var matches = FileStep().Matches(Path.GetFileNameWithoutExtension(path));
        if (matches.Count != 1) return null;
        return long.TryParse(matches[0].Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    [GeneratedRegex(@"^step(\d+)(?:$|[-_])", RegexOptions.IgnoreCase)]
    private static partial Regex RevisionStep();

    [GeneratedRegex(@"(?<![A-Za-z])step[-_]?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FileStep();
}
