using System.Globalization;
using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Data.Internals;

namespace TaskScaling.Skills;

/// <summary>
/// The files of `skills evaluate`: the JSON (every setting, method, per-benchmark and per-group error; read back
/// by <see cref="Read"/> for the report) and the CSV (one row per setting and method). Errors are fractions in both
/// (the machine-output contract, docs/output.md); the library's <see cref="MethodEvaluation.Mae"/> is in points, so
/// the writer divides by 100. The JSON says so with <c>"errorUnit": "fraction"</c>; a file without it (written
/// before) is read as points.
/// </summary>
public static class SkillsEvaluationFile
{
    public static string ToJson(EvaluationReport report)
    {
        var obj = new
        {
            settings = report.Settings.Select(s => new
            {
                set = s.Set, minModels = s.MinModels, models = s.Models, families = s.Families, testModels = s.TestModels,
                methods = s.Methods.Select(m => new { name = m.Name, mae = Fraction(m.Mae), perBenchmark = Fractions(m.PerBenchmark), perGroup = Fractions(m.PerGroup), failure = m.Failure }),
            }),
            errorUnit = FractionUnit,
            elapsedSeconds = report.Elapsed.TotalSeconds,
        };
        return JsonSerializer.Serialize(obj, JsonConventions.Indented) + Environment.NewLine;
    }

    /// <summary>One row per setting and method: set, minModels, method, mae (RFC 4180).</summary>
    public static string ToCsv(EvaluationReport report) =>
        CsvWriter.ToText(["set", "minModels", "method", "mae"],
            report.Settings.SelectMany(s => s.Methods.Select(m => (IEnumerable<object?>)[s.Set, s.MinModels, m.Name, Fraction(m.Mae)])));

    /// <summary>The value of the JSON's <c>errorUnit</c>: errors are fractions, not points.</summary>
    public const string FractionUnit = "fraction";

    private static double Fraction(double points) => points / 100;

    private static Dictionary<string, double> Fractions(IReadOnlyDictionary<string, double> points) =>
        points.ToDictionary(kv => kv.Key, kv => Fraction(kv.Value), StringComparer.Ordinal);

    /// <summary>A missing file, invalid JSON or a file that is not an evaluation is a <see cref="DataFormatException"/>.</summary>
    public static EvaluationSummary Read(string path)
    {
        return Parse(InputFile.ReadText(path), path);
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
            // Summaries are in points (×100); files written since the contract hold fractions.
            double scale = root.TryGetProperty("errorUnit", out var unit) && unit.ValueKind == JsonValueKind.String && unit.GetString() == FractionUnit ? 100 : 1;
            try
            {
                return new EvaluationSummary(settings.EnumerateArray()
                    .Select(s => new EvaluationSummarySetting(s.GetProperty("set").GetString()!, s.GetProperty("minModels").GetInt32(),
                        s.GetProperty("methods").EnumerateArray()
                            .Select(m => new EvaluationSummaryMethod(m.GetProperty("name").GetString()!, scale * Number(m.GetProperty("mae")))).ToArray()))
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
