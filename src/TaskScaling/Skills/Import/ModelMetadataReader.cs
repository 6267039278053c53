using TaskScaling.Data;

namespace TaskScaling.Skills.Import;

/// <summary>
/// Reads a token-count / metadata CSV: one row per model with its tokens in trillions and, optionally,
/// its size in billions and its family. Headers are matched case-insensitively; accepted names:
/// model — "Model"; tokens — "Pretraining Data Size (T)", "Tokens (T)", "Tokens"; size —
/// "#Params (B)", "Parameters (B)", "Params (B)", "Params", "Parameters"; families — "Family" (lineage)
/// and "Family2" (variant). So <c>data_v2.csv</c> itself and <c>training_tokens.csv</c> both read.
/// A row with no tokens, a non-positive number or a model given twice is an error naming file and line; when rows
/// without tokens are skipped instead, a file where no row has tokens is an error naming the file and its tokens column.
/// </summary>
internal static class ModelMetadataReader
{
    public static IReadOnlyList<string> ModelNames { get; } = ["Model"];
    public static IReadOnlyList<string> TokenNames { get; } = ["Pretraining Data Size (T)", "Tokens (T)", "Tokens"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["#Params (B)", "Parameters (B)", "Params (B)", "Params", "Parameters"];

    public static IReadOnlyList<ModelMetadata> Read(string path) => FromCsv(CsvTable.Load(path));

    /// <summary>As <see cref="Read(string)"/>, but a row without tokens is skipped (its model added to
    /// <paramref name="withoutTokens"/>) instead of an error.</summary>
    public static IReadOnlyList<ModelMetadata> Read(string path, List<string> withoutTokens) => FromCsv(CsvTable.Load(path), withoutTokens);

    public static IReadOnlyList<ModelMetadata> FromCsv(CsvTable csv, List<string>? withoutTokens = null)
    {
        int cModel = Find(csv, ModelNames) ?? throw Missing(csv, "model", ModelNames);
        int cTokens = Find(csv, TokenNames) ?? throw Missing(csv, "tokens (trillions)", TokenNames);
        int? cParams = Find(csv, ParameterNames);
        int? cFamily = Find(csv, ["Family"]);
        int? cFamily2 = Find(csv, ["Family2"]);
        var result = new List<ModelMetadata>(csv.RowCount);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < csv.RowCount; i++)
        {
            int line = csv.RowLines[i];
            var model = csv.Rows[i][cModel].Trim();
            if (model.Length == 0) throw new DataFormatException(csv.Source, line, csv.Header[cModel], "empty model name");
            var key = ModelKey.Of(model);
            if (seen.TryGetValue(key, out var earlier))
                throw new DataFormatException(csv.Source, line, csv.Header[cModel], $"duplicate model '{model}' (also on line {earlier})");
            seen[key] = line;
            double t = csv.Number(i, cTokens);
            if (double.IsNaN(t) && withoutTokens is not null)
            {
                withoutTokens.Add(model);
                continue;
            }
            if (double.IsNaN(t))
                throw new DataFormatException(csv.Source, line, csv.Header[cTokens], $"missing tokens for '{model}' (pre-training tokens in trillions are required)");
            if (!(t > 0 && double.IsFinite(t)))
                throw new DataFormatException(csv.Source, line, csv.Header[cTokens], "expected a positive number of tokens (trillions)");
            double s = cParams is { } cp ? csv.Number(i, cp) : double.NaN;
            if (!double.IsNaN(s) && !(s > 0 && double.IsFinite(s)))
                throw new DataFormatException(csv.Source, line, csv.Header[cParams!.Value], "expected a positive number of parameters (billions)");
            result.Add(new ModelMetadata(model, key, t, s, Text(csv, i, cFamily), Text(csv, i, cFamily2), csv.Source, line));
        }
        // Skipping every row would import nothing: say why instead (the shipped sloth/tokens.csv has an empty tokens column).
        if (result.Count == 0 && csv.RowCount > 0)
            throw new DataFormatException(csv.Source, null, csv.Header[cTokens],
                $"no row has tokens (the column is empty on all {csv.RowCount} rows), so no model can be imported; " +
                "give a file whose tokens are filled in, e.g. sloth/data_v2.csv");
        return result;
    }

    private static string? Text(CsvTable csv, int row, int? column) =>
        column is { } c && csv.Rows[row][c].Trim() is { Length: > 0 } s ? s : null;

    private static int? Find(CsvTable csv, IReadOnlyList<string> names)
    {
        foreach (var name in names)
            for (int j = 0; j < csv.Header.Count; j++)
                if (string.Equals(csv.Header[j].Trim(), name, StringComparison.OrdinalIgnoreCase)) return j;
        return null;
    }

    private static DataFormatException Missing(CsvTable csv, string what, IReadOnlyList<string> names) =>
        new(csv.Source, null, null, $"no {what} column (expected one of: {string.Join(", ", names.Select(n => $"'{n}'"))})");
}
