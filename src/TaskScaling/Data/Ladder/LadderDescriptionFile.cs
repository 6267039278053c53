using System.Text.Json;
using System.Text.Json.Serialization;
using TaskScaling.Ladder;

namespace TaskScaling.Data.Ladder;

/// <summary>
/// Reads and writes a <see cref="LadderDescription"/> as JSON (camelCase keys, enums as camelCase strings).
/// Run files in the description are relative to the description file's folder. Reading validates the
/// description and reports the first problem as one line naming the file and the JSON path.
/// </summary>
public static class LadderDescriptionFile
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LadderDescription Read(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new DataFormatException(path, null, null, "ladder description not found");
        string text;
        try { text = System.IO.File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new DataFormatException(path, null, null, $"cannot read: {e.Message}"); }
        var full = Path.GetFullPath(path);
        return Parse(text, path, Path.GetDirectoryName(full)!);
    }

    public static LadderDescription Parse(string json, string source, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new DataFormatException(source, null, null, "the ladder description is empty");
        LadderDescription? d;
        try { d = JsonSerializer.Deserialize<LadderDescription>(json, Options); }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            throw new DataFormatException(source, line, e.Path, FirstSentence(e.Message));
        }
        if (d is null) throw new DataFormatException(source, null, null, "the ladder description is null");
        d = d with { BaseDirectory = baseDirectory, Source = source };
        Validate(d);
        return d;
    }

    public static string ToJson(LadderDescription description) => JsonSerializer.Serialize(description, Options);

    /// <summary>Writes the description whole or not at all.</summary>
    public static void Write(LadderDescription description, string path) => AtomicFile.WriteAllText(path, ToJson(description) + "\n");

    /// <summary>Checks what JSON cannot: positive N and F, unique names, known task names, non-empty columns.</summary>
    public static void Validate(LadderDescription d)
    {
        void Fail(string where, string problem) => throw new DataFormatException(d.Source, null, where, problem);
        if (d.Runs.Count == 0) Fail("runs", "no runs");
        if (!d.LadderRuns.Any()) Fail("runs", "no run has role 'ladder'");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < d.Runs.Count; i++)
        {
            var r = d.Runs[i];
            var at = $"runs[{i}]";
            if (string.IsNullOrWhiteSpace(r.Name)) Fail($"{at}.name", "empty run name");
            if (!names.Add(r.Name)) Fail($"{at}.name", $"duplicate run name '{r.Name}'");
            if (string.IsNullOrWhiteSpace(r.File)) Fail($"{at}.file", $"run '{r.Name}': empty file name");
            if (!(r.Parameters > 0) || double.IsInfinity(r.Parameters)) Fail($"{at}.parameters", $"run '{r.Name}': N must be a positive number, found {r.Parameters}");
            if (!(r.FlopsPerToken > 0) || double.IsInfinity(r.FlopsPerToken)) Fail($"{at}.flopsPerToken", $"run '{r.Name}': FLOPs per token must be positive, found {r.FlopsPerToken}");
            if (r.ChinchillaMultiple is { } k && !(k > 0)) Fail($"{at}.chinchillaMultiple", $"run '{r.Name}': must be positive, found {k}");
            if (r.Tokens.Source == TokenSource.Fixed && !(r.Tokens.Value > 0)) Fail($"{at}.tokens.value", $"run '{r.Name}': D must be positive");
        }
        if (d.Tasks.Count == 0) Fail("tasks", "no tasks");
        var tasks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < d.Tasks.Count; i++)
        {
            var t = d.Tasks[i];
            var at = $"tasks[{i}]";
            if (string.IsNullOrWhiteSpace(t.Name)) Fail($"{at}.name", "empty task name");
            if (!tasks.Add(t.Name)) Fail($"{at}.name", $"duplicate task name '{t.Name}'");
            if (!(t.Chance >= 0 && t.Chance < 1)) Fail($"{at}.chance", $"task '{t.Name}': chance must be in [0, 1), found {t.Chance}");
            if (t.Loss is null || t.Loss.Count == 0) Fail($"{at}.loss", $"task '{t.Name}': no loss column");
            if (t.Accuracy is null || t.Accuracy.Count == 0) Fail($"{at}.accuracy", $"task '{t.Name}': no accuracy column");
            foreach (var (list, key) in new[] { (t.Loss, "loss"), (t.Accuracy, "accuracy"), (t.LogProbability, "logProbability"), (t.McAccuracy, "mcAccuracy") })
                foreach (var c in list ?? [])
                {
                    if (string.IsNullOrWhiteSpace(c.Column)) Fail($"{at}.{key}", $"task '{t.Name}': empty column name");
                    if (!(c.Weight > 0)) Fail($"{at}.{key}", $"task '{t.Name}': column '{c.Column}' needs a positive weight, found {c.Weight}");
                }
        }
        foreach (var n in d.DefaultTasks.Concat(d.VarianceTasks))
            if (!tasks.Contains(n)) Fail("defaultTasks", $"unknown task '{n}'");
        if (d.VarianceRun is { } vr && !names.Contains(vr)) Fail("varianceRun", $"unknown run '{vr}'");
        if (d.AnalysisTarget is { } at2 && !d.Targets.Any(t => string.Equals(t.Name, at2, StringComparison.OrdinalIgnoreCase)))
            Fail("analysisTarget", $"'{at2}' is not a target run");
    }

    private static string FirstSentence(string message)
    {
        var s = message.Replace("\r", " ").Replace("\n", " ");
        int cut = s.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? s[..cut] : s;
    }
}
