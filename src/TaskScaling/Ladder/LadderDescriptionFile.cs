using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Data.Internals;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>
/// Reads and writes a <see cref="LadderDescription"/> as JSON (camelCase keys, enums as camelCase strings).
/// Run files in the description are relative to the description file's folder. Reading validates the
/// description and reports the first problem as one line naming the file and the JSON path.
/// </summary>
public static class LadderDescriptionFile
{
    public static JsonSerializerOptions Options => JsonConventions.HandEdited;

    public static LadderDescription Read(string path)
    {
        var text = InputFile.ReadText(path, notFound: "ladder description not found");
        var full = Path.GetFullPath(path);
        return Parse(text, path, Path.GetDirectoryName(full)!);
    }

    public static LadderDescription Parse(string json, string source, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new DataFormatException(source, null, null, "the ladder description is empty");
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        // The schema first (types, enum names, known properties, with positions); what it lets through deserialises.
        var positions = LadderDescriptionSchema.Check(utf8, source, ReadOptions);
        LadderDescription? d;
        try { d = JsonSerializer.Deserialize<LadderDescription>(utf8, ReadOptions); }
        catch (JsonException e)
        {
            var (line, character) = positions.At(e.LineNumber, e.BytePositionInLine);
            throw new DataFormatException(source, line, e.Path, FirstSentence(e.Message) + JsonPositions.AtCharacter(character));
        }
        if (d is null) throw new DataFormatException(source, 1, null, "the ladder description is null");
        d = d with { BaseDirectory = baseDirectory, Source = source };
        ValidateAt(d, positions);
        return d;
    }

    /// <summary><see cref="Options"/> with enums read by name only (by default an integer, even an undefined one, is
    /// accepted for an enum): the schema check refuses integers first, with a position; this is a second line.</summary>
    private static readonly JsonSerializerOptions ReadOptions = StrictEnums(Options);

    private static JsonSerializerOptions StrictEnums(JsonSerializerOptions options)
    {
        // The resolver made explicit (the options' own in a Native AOT build, else reflection): the schema check reads
        // the types' JSON contract from it.
        var strict = new JsonSerializerOptions(options) { TypeInfoResolver = options.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        for (int i = 0; i < strict.Converters.Count; i++)
            if (strict.Converters[i] is System.Text.Json.Serialization.JsonStringEnumConverter)
                strict.Converters[i] = new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
        return strict;
    }

    /// <summary>The description as JSON. The tokens of an lm-eval run show only what applies to lm-eval (no W&amp;B
    /// column names), and a tokens per step still to fill in is written as null rather than left out.</summary>
    public static string ToJson(LadderDescription description)
    {
        var node = JsonSerializer.SerializeToNode(description, Options)!;
        if (node["runs"] is System.Text.Json.Nodes.JsonArray runs)
            for (int i = 0; i < runs.Count && i < description.Runs.Count; i++)
            {
                var run = description.Runs[i];
                if (runs[i]?["tokens"] is not System.Text.Json.Nodes.JsonObject tokens) continue;
                if (run.Tokens.Source == TokenSource.Fixed && run.Tokens.Value is null) tokens["value"] = null;
                if (run.Format != RunFormat.LmEval) continue;
                tokens.Remove("column"); tokens.Remove("stepColumn"); tokens.Remove("batchColumn");
                if (run.Tokens.Source is TokenSource.Auto or TokenSource.StepTimesBatch && run.Tokens.TokensPerStep is null)
                    tokens["tokensPerStep"] = null;
            }
        return node.ToJsonString(Options);
    }

    /// <summary>Writes the description whole or not at all.</summary>
    public static void Write(LadderDescription description, string path) => AtomicFile.WriteAllText(path, ToJson(description) + "\n");

    /// <summary>
    /// Checks what JSON cannot: first that nothing is left to fill in (N, chance, tokens left null — as
    /// <c>ladder init</c> writes them — are all named in one message), then positive N and F, unique names,
    /// known task names, non-empty columns.
    /// </summary>
    public static void Validate(LadderDescription d) => ValidateAt(d, null);

    /// <param name="positions">Where each value is in the file read (null for a description built in code).</param>
    private static void ValidateAt(LadderDescription d, JsonPositions? positions)
    {
        void Fail(string where, string problem) =>
            throw (positions is null ? new DataFormatException(d.Source, null, where, problem) : positions.Error(d.Source, positions.Of(where), where, problem));
        if (d.Runs is null || d.Runs.Count == 0) Fail("runs", "no runs");
        if (d.Tasks is null) Fail("tasks", "no tasks");
        var missing = Unfilled(d);
        if (missing.Count > 0)
            throw new DataFormatException(d.Source, null, null,
                $"the ladder description is not complete; fill in {string.Join("; ", missing)}");
        if (!d.LadderRuns.Any()) Fail("runs", "no run has role 'ladder'");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < d.Runs!.Count; i++)
        {
            var r = d.Runs[i];
            var at = $"runs[{i}]";
            if (string.IsNullOrWhiteSpace(r.Name)) Fail($"{at}.name", "empty run name");
            if (!names.Add(r.Name)) Fail($"{at}.name", $"duplicate run name '{r.Name}'");
            if (string.IsNullOrWhiteSpace(r.File)) Fail($"{at}.file", $"run '{r.Name}': empty file name");
            if (!(r.Parameters > 0) || double.IsInfinity(r.Parameters)) Fail($"{at}.parameters", $"run '{r.Name}': N must be a positive number, found {r.Parameters}");
            if (!double.IsNaN(r.FlopsPerToken) && (!(r.FlopsPerToken > 0) || double.IsInfinity(r.FlopsPerToken)))
                Fail($"{at}.flopsPerToken", $"run '{r.Name}': FLOPs per token must be positive (or null when unknown), found {r.FlopsPerToken}");
            if (r.ChinchillaMultiple is { } k && !(k > 0 && double.IsFinite(k))) Fail($"{at}.chinchillaMultiple", $"run '{r.Name}': must be positive, found {k}");
            if (r.Tokens.Source == TokenSource.Fixed && !(r.Tokens.Value > 0 && double.IsFinite(r.Tokens.Value.Value))) Fail($"{at}.tokens.value", $"run '{r.Name}': D must be positive, found {r.Tokens.Value}");
            if (r.Tokens.TokensPerStep is { } tps && !(tps > 0 && double.IsFinite(tps))) Fail($"{at}.tokens.tokensPerStep", $"run '{r.Name}': tokens per step must be positive, found {tps}");
            if (r.Tokens.Source == TokenSource.PerCheckpoint && r.Format != RunFormat.LmEval)
                Fail($"{at}.tokens.source", $"run '{r.Name}': 'perCheckpoint' tokens are for lm-eval runs (format lmEval)");
            foreach (var (key, v) in r.Tokens.Checkpoints ?? new Dictionary<string, double?>())
                if (v is { } dv && !(dv > 0 && double.IsFinite(dv))) Fail($"{at}.tokens.checkpoints['{key}']", $"run '{r.Name}': D must be positive, found {dv}");
        }
        if (d.Tasks!.Count == 0) Fail("tasks", "no tasks");
        var tasks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < d.Tasks.Count; i++)
        {
            var t = d.Tasks[i];
            var at = $"tasks[{i}]";
            if (string.IsNullOrWhiteSpace(t.Name)) Fail($"{at}.name", "empty task name");
            if (!tasks.Add(t.Name)) Fail($"{at}.name", $"duplicate task name '{t.Name}'");
            if (!(t.Chance >= 0 && t.Chance < 1)) Fail($"{at}.chance", $"task '{t.Name}': chance must be in [0, 1), found {t.Chance}");
            if (t.Accuracy is null || t.Accuracy.Count == 0) Fail($"{at}.accuracy", $"task '{t.Name}': no accuracy column");
            foreach (var (list, key) in new[] { (t.Loss, "loss"), (t.Accuracy, "accuracy"), (t.LogProbability, "logProbability"), (t.McAccuracy, "mcAccuracy") })
                for (int j = 0; j < (list?.Count ?? 0); j++)
                {
                    var c = list![j];
                    if (string.IsNullOrWhiteSpace(c.Column)) Fail($"{at}.{key}[{j}].column", $"task '{t.Name}': empty column name");
                    if (!(c.Weight > 0 && double.IsFinite(c.Weight)))
                        Fail($"{at}.{key}[{j}].weight", $"task '{t.Name}': column '{c.Column}' needs a positive weight, found {c.Weight}");
                }
        }
        foreach (var (list, key) in new[] { (d.DefaultTasks, "defaultTasks"), (d.VarianceTasks, "varianceTasks") })
            for (int j = 0; j < list.Count; j++)
                if (!tasks.Contains(list[j])) Fail($"{key}[{j}]", $"unknown task '{list[j]}'");
        if (d.VarianceRun is { } vr && !names.Contains(vr)) Fail("varianceRun", $"unknown run '{vr}'");
        if (d.AnalysisTarget is { } at2 && !d.Targets.Any(t => string.Equals(t.Name, at2, StringComparison.OrdinalIgnoreCase)))
            Fail("analysisTarget", $"'{at2}' is not a target run");
    }

    /// <summary>
    /// The fields left for the user to fill in (null in the JSON), each as "JSON path (what it is)": N of a run,
    /// a task's chance level, a run's tokens (fixed value, tokens per step of an lm-eval run, a per-checkpoint D).
    /// </summary>
    public static IReadOnlyList<string> Unfilled(LadderDescription d)
    {
        var missing = new List<string>();
        for (int i = 0; i < (d.Runs?.Count ?? 0); i++)
        {
            var r = d.Runs![i];
            var at = $"runs[{i}]";
            if (double.IsNaN(r.Parameters)) missing.Add($"{at}.parameters (N, non-embedding parameters, of run {r.Name})");
            var tk = r.Tokens ?? TokenSpec.Auto;
            switch (tk.Source)
            {
                case TokenSource.Fixed when tk.Value is null:
                    missing.Add($"{at}.tokens.value (tokens D of run {r.Name})");
                    break;
                case TokenSource.PerCheckpoint when tk.Checkpoints is null || tk.Checkpoints.Count == 0:
                    missing.Add($"{at}.tokens.checkpoints (tokens D per checkpoint of run {r.Name})");
                    break;
                case TokenSource.PerCheckpoint or TokenSource.Auto when tk.Checkpoints is not null:
                    foreach (var (key, v) in tk.Checkpoints!)
                        if (v is null) missing.Add($"{at}.tokens.checkpoints['{key}'] (tokens D of run {r.Name} at that checkpoint)");
                    break;
                case TokenSource.Auto when r.Format == RunFormat.LmEval && tk.TokensPerStep is null && tk.Checkpoints is null && tk.Value is null:
                case TokenSource.StepTimesBatch when r.Format == RunFormat.LmEval && tk.TokensPerStep is null:
                    missing.Add($"{at}.tokens.tokensPerStep (tokens per training step of run {r.Name}: D = step × this)");
                    break;
            }
        }
        for (int i = 0; i < (d.Tasks?.Count ?? 0); i++)
            if (double.IsNaN(d.Tasks![i].Chance)) missing.Add($"tasks[{i}].chance (chance accuracy of task {d.Tasks[i].Name})");
        return missing;
    }

    private static string FirstSentence(string message)
    {
        var s = message.Replace("\r", " ").Replace("\n", " ");
        int cut = s.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? s[..cut] : s;
    }
}
