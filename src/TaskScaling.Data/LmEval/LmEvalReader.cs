using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskScaling.Data.LmEval;

/// <summary>
/// Reads EleutherAI lm-evaluation-harness results JSON, both layouts:
/// <list type="bullet">
/// <item>current (v0.4+): results[task]["acc,none"], "acc_stderr,none", "groups", "group_subtasks",
/// "n-shot", "n-samples", "higher_is_better", "versions", config.model_args (string or object),
/// config.model_num_parameters, "model_name", "date" (Unix seconds);</item>
/// <item>older (v0.3): results[task]["acc"], "acc_norm", "ppl", "*_stderr", config.model_args (string),
/// config.num_fewshot. Its 57 "hendrycksTest-*" subjects are aggregated to a group "mmlu"
/// (see <see cref="MmluAggregation"/>).</item>
/// </list>
/// A stderr given as "N/A", null, NaN or not at all is missing; keys the reader does not know are ignored.
/// A folder is searched (recursively) for "*.json" files that are results files (see <see cref="ScanFolder"/>); the runs of one model (same model and step)
/// are merged, a task measured twice keeping the run with the newer date (said in <see cref="LmEvalResults.Notes"/>).
/// </summary>
public static partial class LmEvalReader
{
    /// <summary>A results file, or a folder holding the results of one model (several runs merge).</summary>
    public static LmEvalResults Read(string path, LmEvalReadOptions? options = null)
    {
        if (File.Exists(path)) return ReadFile(path, options);
        if (!Directory.Exists(path)) throw new DataFormatException(path, null, null, "no such file or folder");
        var models = ReadFolder(path, options);
        if (models.Count == 1) return models[0];
        throw new InvalidRequestException(
            $"{path}: holds the results of {models.Count} models; read it with ReadFolder or name one file: " +
            string.Join("; ", models.Select(Describe)));
    }

    /// <summary>One results file.</summary>
    public static LmEvalResults ReadFile(string path, LmEvalReadOptions? options = null)
    {
        return Parse(Internals.InputFile.ReadBytes(path), path, options);
    }

    /// <summary>Parses results JSON held in memory; <paramref name="sourceName"/> names it in messages.</summary>
    public static LmEvalResults Parse(string json, string sourceName, LmEvalReadOptions? options = null) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json), sourceName, options);

    /// <summary>Parses results JSON bytes (UTF-8); <paramref name="sourceName"/> names it in messages.</summary>
    public static LmEvalResults Parse(byte[] utf8Json, string sourceName, LmEvalReadOptions? options = null)
    {
        options ??= LmEvalReadOptions.Default;
        using var document = ParseDocument(utf8Json, sourceName);
        return FromDocument(document.RootElement, sourceName, options);
    }

    private static string Describe(LmEvalResults r) =>
        $"{r.Model ?? "(unnamed)"}{(r.Step is { } s ? $" step {s}" : "")} ({r.SourceFiles.Count} file(s))";

    private static JsonDocument ParseDocument(byte[] bytes, string source)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read: refuse it up front.
        Internals.InputFile.RequireUtf8(bytes, source);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException first)
        {
            var sanitized = JsonNonFiniteSanitizer.Sanitize(bytes, out var insertions);
            if (sanitized is null) throw Malformed(source, first, first.BytePositionInLine);
            try
            {
                return JsonDocument.Parse(sanitized);
            }
            catch (JsonException second)
            {
                long? position = second.BytePositionInLine is { } p && second.LineNumber is { } l
                    ? JsonNonFiniteSanitizer.OriginalPosition(insertions, l, p)
                    : second.BytePositionInLine;
                throw Malformed(source, second, position);
            }
        }
    }

    private static DataFormatException Malformed(string source, JsonException e, long? bytePositionInLine)
    {
        int? line = e.LineNumber is { } l ? (int)(l + 1) : null;
        // System.Text.Json appends "Path: ... | LineNumber: ... | BytePositionInLine: ..."; say it once, 1-based.
        var message = e.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        var where = bytePositionInLine is { } b ? $"byte {b + 1} of the line" : "unknown position";
        return new DataFormatException(source, line, null, $"malformed JSON at {where}: {message.Trim()}", e);
    }

    private static LmEvalResults FromDocument(JsonElement root, string source, LmEvalReadOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) ||
            results.ValueKind != JsonValueKind.Object)
            throw new DataFormatException(source, null, null,
                "not an lm-evaluation-harness results file: there is no \"results\" object at the top level");

        var notes = new List<string>();
        JsonElement? config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        var layout = DetectLayout(root, results);

        var versions = ReadObject(root, "versions", v => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        });
        var fewShot = ReadObject(root, "n-shot", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : (int?)null);
        int? legacyFewShot = config is { } cf && cf.TryGetProperty("num_fewshot", out var nf) &&
                             nf.ValueKind == JsonValueKind.Number && nf.TryGetInt32(out var nfv) ? nfv : null;
        var samples = ReadObject(root, "n-samples", v =>
            v.ValueKind == JsonValueKind.Object && v.TryGetProperty("effective", out var eff) &&
            eff.ValueKind == JsonValueKind.Number && eff.TryGetInt64(out var n) ? n : (long?)null);
        var higher = ReadObject(root, "higher_is_better", v =>
        {
            if (v.ValueKind != JsonValueKind.Object) return null;
            var d = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var p in v.EnumerateObject())
                if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) d[p.Name] = p.Value.GetBoolean();
            return d;
        });

        var date = ReadDate(root) ?? DateFromFileName(source);
        var (args, argsText) = ModelArguments.Parse(config is { } cfg && cfg.TryGetProperty("model_args", out var ma) ? ma : null);
        string? model = StringProperty(root, "model_name")
                        ?? (args.TryGetValue("pretrained", out var pre) && pre.Length > 0 ? pre : null)
                        ?? (config is { } cm ? StringProperty(cm, "model") : null);
        long? parameters = config is { } cp && cp.TryGetProperty("model_num_parameters", out var np) &&
                           np.ValueKind == JsonValueKind.Number
            ? (np.TryGetInt64(out var npl) ? npl
                : np.TryGetDouble(out var npd) && npd is > 0 and < long.MaxValue ? (long)Math.Round(npd) : null)
            : null;
        string? revision = args.TryGetValue("revision", out var rev) && rev.Length > 0 ? rev
            : config is { } cr ? StringProperty(cr, "model_revision") : null;
        long? step = ModelArguments.StepFromRevision(revision);
        long? fileStep = ModelArguments.StepFromFileName(source);
        if (step is null) step = fileStep;
        else if (fileStep is not null && fileStep != step)
            notes.Add($"{source}: the file name says step {fileStep} but the model revision '{revision}' says step {step}; kept {step}");

        var subtasks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("group_subtasks", out var gs) && gs.ValueKind == JsonValueKind.Object)
            foreach (var p in gs.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    var list = p.Value.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String)
                        .Select(x => x.GetString()!).ToList();
                    if (list.Count > 0) subtasks[p.Name] = list;
                }

        var groupNames = new HashSet<string>(subtasks.Keys, StringComparer.Ordinal);
        JsonElement? groupsElement = root.TryGetProperty("groups", out var ge) && ge.ValueKind == JsonValueKind.Object ? ge : null;
        if (groupsElement is { } gel)
            foreach (var p in gel.EnumerateObject()) groupNames.Add(p.Name);

        LmEvalTaskResult ParseEntry(string name, JsonElement element) => ParseTask(name, element, layout, source, date,
            groupNames.Contains(name), fewShot.GetValueOrDefault(name) ?? legacyFewShot, samples.GetValueOrDefault(name),
            versions.GetValueOrDefault(name), higher.GetValueOrDefault(name), notes);

        var tasks = new Dictionary<string, LmEvalTaskResult>(StringComparer.Ordinal);
        foreach (var p in results.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Object) tasks[p.Name] = ParseEntry(p.Name, p.Value);
        var groups = new Dictionary<string, LmEvalTaskResult>(StringComparer.Ordinal);
        if (groupsElement is { } gel2)
            foreach (var p in gel2.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Object) groups[p.Name] = ParseEntry(p.Name, p.Value);
        foreach (var name in groupNames)
            if (!groups.ContainsKey(name) && tasks.TryGetValue(name, out var row)) groups[name] = row;

        if (layout == LmEvalLayout.Legacy && options.LegacyMmlu == MmluAggregation.UnweightedMean)
            AggregateLegacyMmlu(tasks, groups, subtasks, source, date, legacyFewShot, notes);

        return new LmEvalResults
        {
            Model = model,
            ModelArgsText = argsText,
            ModelArgs = args,
            ParameterCount = parameters,
            Date = date,
            Step = step,
            Revision = revision,
            Layout = layout,
            Tasks = tasks,
            Groups = groups,
            GroupSubtasks = subtasks,
            SourceFiles = [source],
            Notes = notes,
        };
    }

    private static LmEvalTaskResult ParseTask(string name, JsonElement element, LmEvalLayout layout, string source,
        DateTimeOffset? date, bool isGroup, int? fewShot, long? sampleCount, string? version,
        Dictionary<string, bool>? higherIsBetter, List<string> notes)
    {
        var values = new List<(string Metric, string? Filter, double Value)>();
        var stderrs = new Dictionary<(string, string?), double?>();
        string? alias = null;
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name == "alias" && p.Value.ValueKind == JsonValueKind.String) { alias = p.Value.GetString(); continue; }
            string metric; string? filter;
            int comma = p.Name.IndexOf(',');
            if (layout == LmEvalLayout.Current)
            {
                if (comma <= 0) continue; // "name", "sample_len", "sample_count", ...: not metrics
                metric = p.Name[..comma];
                filter = p.Name[(comma + 1)..];
            }
            else
            {
                metric = p.Name;
                filter = null;
            }
            bool isStderr = metric.EndsWith("_stderr", StringComparison.Ordinal) && metric.Length > "_stderr".Length;
            double? number = p.Value.ValueKind == JsonValueKind.Number ? FiniteNumber(p.Value, source, name, p.Name) : null;
            // null or a string where a number belongs ("metric,filter" keys; in the older layout, where any key may
            // be a metric, the texts below) is a missing value: lm-eval writes "N/A" for an undefined stderr, and
            // Python's json writes NaN and Infinity, which the sanitizer quotes.
            bool missing = p.Value.ValueKind is JsonValueKind.Null || p.Value.ValueKind == JsonValueKind.String &&
                           (layout == LmEvalLayout.Current || IsMissingText(p.Value.GetString()));
            if (isStderr)
            {
                if (number is not null || missing) stderrs[(metric[..^"_stderr".Length], filter)] = number;
            }
            else if (number is not null) values.Add((metric, filter, number.Value));
            else if (missing)
                notes.Add($"{source}: task '{name}' metric '{LmEvalMetric.KeyOf(metric, filter)}' has no value ({p.Value.GetRawText()}); skipped");
            // Other strings (older layout), objects and arrays are not metrics: ignored.
        }

        var metrics = new Dictionary<string, LmEvalMetric>(StringComparer.Ordinal);
        foreach (var (metric, filter, value) in values)
        {
            var se = stderrs.TryGetValue((metric, filter), out var s) ? s : null;
            bool? hib = higherIsBetter is not null && higherIsBetter.TryGetValue(metric, out var h) ? h : null;
            var m = new LmEvalMetric(metric, filter, value, se, hib);
            metrics[m.Key] = m;
        }
        return new LmEvalTaskResult
        {
            Name = name, Alias = alias, Metrics = metrics, IsGroup = isGroup, FewShot = fewShot,
            SampleCount = sampleCount, Version = version, SourceFile = source, Date = date,
        };
    }

    private static bool IsMissingText(string? text) =>
        text is null || text.Trim() is "N/A" or "NA" or "" or "NaN" or "nan" or "Infinity" or "-Infinity" or "None";

    // A JSON number beyond the range of a double (1e400) would be read as infinity: an error, not a value.
    private static double FiniteNumber(JsonElement value, string source, string task, string key) =>
        value.TryGetDouble(out var v) && double.IsFinite(v) ? v
            : throw new DataFormatException(source, null, null,
                $"task '{task}' key '{key}': expected a finite number, found {value.GetRawText()} (beyond the range of a double)");

    private static Dictionary<string, T> ReadObject<T>(JsonElement root, string property, Func<JsonElement, T?> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (root.TryGetProperty(property, out var o) && o.ValueKind == JsonValueKind.Object)
            foreach (var p in o.EnumerateObject())
                if (read(p.Value) is { } v) result[p.Name] = v;
        return result;
    }

    private static string? StringProperty(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()
            : null;

    // "date": Unix seconds (a number, or a number in a string), else an ISO 8601 string.
    private static DateTimeOffset? ReadDate(JsonElement root)
    {
        if (!root.TryGetProperty("date", out var d)) return null;
        double seconds;
        if (d.ValueKind == JsonValueKind.Number) { if (!d.TryGetDouble(out seconds)) return null; }
        else if (d.ValueKind == JsonValueKind.String)
        {
            var s = d.GetString() ?? "";
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso : null;
        }
        else return null;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > 253402300799) return null;
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }

    // lm-eval names its files results_2025-03-03T00-05-12.300060.json (UTC).
    private static DateTimeOffset? DateFromFileName(string source)
    {
        var m = FileDate().Match(Path.GetFileName(source));
        if (!m.Success) return null;
        var text = $"{m.Groups[1].Value}T{m.Groups[2].Value}:{m.Groups[3].Value}:{m.Groups[4].Value}{m.Groups[5].Value}";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    [GeneratedRegex(@"results_(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(\.\d+)?")]
    private static partial Regex FileDate();
}
