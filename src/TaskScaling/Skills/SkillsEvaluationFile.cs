using System.Globalization;
using System.Text.Json;

namespace TaskScaling.Skills;

/// <summary>Reads the method × setting errors of a saved `skills evaluate --format json`.</summary>
public static class SkillsEvaluationFile
{
    /// <summary>A missing file, invalid JSON or a file that is not an evaluation is a <see cref="DataFormatException"/>.</summary>
    public static EvaluationSummary Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, null, "file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static EvaluationSummary Parse(string text, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            throw new DataFormatException(source, (int?)(e.LineNumber + 1), null, $"invalid JSON: {e.Message.Split('.')[0]}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(source, null, null, "not a `skills evaluate --format json` file (no \"settings\" array)");
            try
            {
                return new EvaluationSummary(settings.EnumerateArray()
                    .Select(s => new EvaluationSummarySetting(s.GetProperty("set").GetString()!, s.GetProperty("minModels").GetInt32(),
                        s.GetProperty("methods").EnumerateArray()
                            .Select(m => new EvaluationSummaryMethod(m.GetProperty("name").GetString()!, Number(m.GetProperty("mae")))).ToArray()))
                    .ToArray());
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new DataFormatException(source, null, "settings", "each setting needs set, minModels and methods with name and mae");
            }
        }
    }

    /// <summary>An MAE: a number, or a string ("NaN", as the writer spells a failed method).</summary>
    private static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => double.NaN,
    };
}
