namespace TaskScaling.Data.Samples;

/// <summary>
/// A task's scores per model: CSV with the columns <c>model</c> and <c>score</c> (other columns are ignored); a score is a
/// fraction in [0, 1]; a model may appear once. docs/formats.md.
/// </summary>
public static class ModelScoresReader
{
    public static IReadOnlyList<ModelScore> Read(string path) => Parse(CsvTable.Load(path));

    /// <summary>Reads scores from CSV text (e.g. an embedded resource) named <paramref name="source"/> in errors.</summary>
    public static IReadOnlyList<ModelScore> Parse(string text, string source) => Parse(CsvTable.Parse(text, source));

    private static IReadOnlyList<ModelScore> Parse(CsvTable t)
    {
        int model = t.ColumnIndex("model");
        t.ColumnIndex("score");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<ModelScore>();
        for (int r = 0; r < t.RowCount; r++)
        {
            var name = t.Rows[r][model].Trim();
            if (name.Length == 0) throw new DataFormatException(t.Source, t.RowLines[r], "model", "expected a model name, found an empty cell");
            double v = t.RequiredNumber(r, "score");
            if (!(v >= 0 && v <= 1)) throw new DataFormatException(t.Source, t.RowLines[r], "score", $"expected a fraction in [0, 1], found {v} (give points ÷ 100)");
            if (!seen.TryAdd(name, t.RowLines[r]))
                throw new DataFormatException(t.Source, t.RowLines[r], "model", $"model '{name}' is listed twice (also on line {seen[name]})");
            list.Add(new ModelScore(name, v, t.RowLines[r]));
        }
        if (list.Count == 0) throw new DataFormatException(t.Source, null, null, "no scores (expected a header model,score and one row per model)");
        return list;
    }
}
