using System.Globalization;
using System.Text.Json;
using TaskScaling.Data.Internals;

namespace TaskScaling.Data.Samples;

/// <summary>
/// Per-sample correctness of models on problems (docs/formats.md, "Sample files"), in one of three layouts:
/// <list type="bullet">
/// <item>CSV (<c>.csv</c>): header <c>model,problem,n,correct</c>, one row per (model, problem);</item>
/// <item>JSON lines: one object <c>{"model": …, "problem": …, "n": …, "correct": …}</c> per line;</item>
/// <item>the public "monkey business" release: <c>MATH_&lt;model&gt;.json</c> holding one object per problem with an
/// <c>is_corrects</c> array of booleans (a JSON array of such objects, or one per line); the model is the file name after
/// <c>MATH_</c>, lower-cased. A folder is read as every <c>MATH_*.json</c> / <c>MATH_*.jsonl</c> file in it.</item>
/// </list>
/// Checks: n ≥ 1 and 0 ≤ c ≤ n, whole numbers; a (model, problem) pair at most once.
/// </summary>
public static class SampleFileReader
{
    public static SampleFile Read(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "MATH_*.json*").Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new DataFormatException(path, null, null, "the folder holds no MATH_<model>.json file (the monkey-business layout)");
            var all = new List<SampleCount>();
            foreach (var f in files) all.AddRange(ReadFile(f));
            return new SampleFile(path, Checked(path, all));
        }
        return new SampleFile(path, Checked(path, ReadFile(path)));
    }

    /// <summary>Reads sample counts from text in the CSV (<paramref name="csv"/>) or JSON-lines layout.</summary>
    public static SampleFile Parse(string text, string source, bool csv) =>
        new(source, Checked(source, csv ? FromCsv(CsvTable.Parse(text, source)) : FromJsonLines(text, source, null)));

    private static List<SampleCount> ReadFile(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return FromCsv(CsvTable.Load(path));
        var text = InputFile.ReadText(path);
        var name = Path.GetFileName(path);
        string? model = name.StartsWith("MATH_", StringComparison.Ordinal)
            ? Path.GetFileNameWithoutExtension(name)["MATH_".Length..].ToLowerInvariant() : null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[') return FromMonkeyArray(text, path, model);
        return FromJsonLines(text, path, model);
    }

    private static List<SampleCount> FromCsv(CsvTable t)
    {
        foreach (var c in new[] { "model", "problem", "n", "correct" }) t.ColumnIndex(c);
        var list = new List<SampleCount>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            int line = t.RowLines[r];
            string model = t.Cell(r, "model").Trim(), problem = t.Cell(r, "problem").Trim();
            if (model.Length == 0) throw new DataFormatException(t.Source, line, "model", "expected a model name, found an empty cell");
            if (problem.Length == 0) throw new DataFormatException(t.Source, line, "problem", "expected a problem id, found an empty cell");
            int n = Whole(t.RequiredNumber(r, "n"), t.Source, line, "n");
            int c = Whole(t.RequiredNumber(r, "correct"), t.Source, line, "correct");
            list.Add(Counts(model, problem, n, c, t.Source, line));
        }
        return list;
    }

    private static List<SampleCount> FromJsonLines(string text, string source, string? model)
    {
        var list = new List<SampleCount>();
        int line = 0, problem = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            if (raw.Trim().Length == 0) continue;
            JsonElement e;
            try { e = JsonDocument.Parse(raw).RootElement.Clone(); }
            catch (JsonException x) { throw new DataFormatException(source, line, null, $"expected one JSON object per line: {x.Message}"); }
            if (e.ValueKind != JsonValueKind.Object) throw new DataFormatException(source, line, null, "expected a JSON object");
            if (e.TryGetProperty("is_corrects", out _)) list.Add(FromMonkeyProblem(e, source, line, model, problem++));
            else
            {
                string m = Text(e, "model", source, line), p = Text(e, "problem", source, line);
                list.Add(Counts(m, p, WholeProperty(e, "n", source, line), WholeProperty(e, "correct", source, line), source, line));
            }
        }
        return list;
    }

    private static List<SampleCount> FromMonkeyArray(string text, string source, string? model)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException x) { throw new DataFormatException(source, (int?)(x.LineNumber + 1), null, $"not valid JSON: {x.Message}"); }
        var list = new List<SampleCount>();
        int q = 0;
        foreach (var e in root.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object) throw new DataFormatException(source, null, $"[{q}]", "expected an object per problem");
            list.Add(FromMonkeyProblem(e, source, 0, model, q++));
        }
        return list;
    }

    /// <summary>One problem of the monkey-business layout: n = length of is_corrects, c = number of true entries.</summary>
    private static SampleCount FromMonkeyProblem(JsonElement e, string source, int line, string? model, int index)
    {
        string where = line > 0 ? "is_corrects" : $"[{index}].is_corrects";
        int? at = line > 0 ? line : null;
        if (model is null) throw new DataFormatException(source, at, null, "an is_corrects record needs the model from the file name MATH_<model>.json");
        var arr = e.GetProperty("is_corrects");
        if (arr.ValueKind != JsonValueKind.Array) throw new DataFormatException(source, at, where, "expected an array of booleans");
        int n = 0, c = 0;
        foreach (var v in arr.EnumerateArray())
        {
            n++;
            if (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetDouble() == 1)) c++;
            else if (!(v.ValueKind == JsonValueKind.False || (v.ValueKind == JsonValueKind.Number && v.GetDouble() == 0)))
                throw new DataFormatException(source, at, where, $"expected true or false, found {v.GetRawText()}");
        }
        string problem = e.TryGetProperty("problem", out var p) ? p.ToString() : index.ToString(CultureInfo.InvariantCulture);
        return Counts(model, problem, n, c, source, line);
    }

    private static SampleCount Counts(string model, string problem, int n, int c, string source, int line)
    {
        int? at = line > 0 ? line : null;
        if (n < 1) throw new DataFormatException(source, at, "n", $"expected at least one sample, found {n}");
        if (c < 0 || c > n) throw new DataFormatException(source, at, "correct", $"expected 0 ≤ correct ≤ n = {n}, found {c}");
        return new SampleCount(model, problem, n, c, line);
    }

    private static string Text(JsonElement e, string name, string source, int line)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            throw new DataFormatException(source, line, name, "expected a string");
        var s = v.ToString().Trim();
        return s.Length > 0 ? s : throw new DataFormatException(source, line, name, "expected a non-empty string");
    }

    private static int WholeProperty(JsonElement e, string name, string source, int line)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number)
            throw new DataFormatException(source, line, name, "expected a whole number");
        return Whole(v.GetDouble(), source, line, name);
    }

    private static int Whole(double v, string source, int line, string column) =>
        v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue ? (int)v
            : throw new DataFormatException(source, line, column, $"expected a whole number, found {v.ToString(CultureInfo.InvariantCulture)}");

    private static List<SampleCount> Checked(string source, List<SampleCount> counts)
    {
        if (counts.Count == 0) throw new DataFormatException(source, null, null, "no sample records");
        var seen = new HashSet<(string, string)>();
        foreach (var s in counts)
            if (!seen.Add((s.Model, s.Problem)))
                throw new DataFormatException(source, s.Line > 0 ? s.Line : null, "problem", $"model '{s.Model}', problem '{s.Problem}' appears twice");
        return counts;
    }
}
