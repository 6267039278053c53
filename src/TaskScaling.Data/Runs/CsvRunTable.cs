using System.Globalization;

namespace TaskScaling.Data.Runs;

/// <summary>
/// A W&amp;B run-history CSV as numbers. The kept columns are parsed once to doubles (an empty cell is missing,
/// NaN) and the text is dropped. Rows are ordered by the step column (stable, so a file already in step order
/// keeps its order); rows of the same step merge when every column they both fill agrees. A cell that is not a
/// finite number is remembered and reported, with its line, when its column is asked for: a column nobody uses
/// may hold anything.
/// </summary>
internal sealed class CsvRunTable : IRunTable
{
    private sealed record ParsedColumn(double[] Values, DataFormatException? Error);

    private readonly Dictionary<string, ParsedColumn> _columns;
    private readonly int[] _lines;

    public string Source { get; }
    public int RowCount => _lines.Length;
    /// <summary>Every column of the file's header, kept or not.</summary>
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string> Notes => [];
    public double[]? Tokens => null;
    public bool HasLines => true;
    /// <summary>True when the rows are in step order (the file has the step column), false when in file order.</summary>
    public bool OrderedByStep { get; }

    private CsvRunTable(string source, IReadOnlyList<string> columns, Dictionary<string, ParsedColumn> parsed, int[] lines, bool byStep)
    {
        Source = source; Columns = columns; _columns = parsed; _lines = lines; OrderedByStep = byStep;
    }

    public static CsvRunTable Load(string path, WandbReadOptions options) => From(CsvTable.Load(path, Keep(options)), options);

    public static CsvRunTable Parse(string text, string source, WandbReadOptions options) =>
        From(CsvTable.Parse(text, source, Keep(options)), options);

    private static Func<string, bool>? Keep(WandbReadOptions options) =>
        options.Columns is { } keep ? c => c == options.StepColumn || keep.Contains(c) : null;

    private static CsvRunTable From(CsvTable csv, WandbReadOptions options)
    {
        if (csv.RowCount == 0)
            throw new DataFormatException(csv.Source, null, null, "the file has a header but no checkpoint rows");
        var parsed = new ParsedColumn[csv.Header.Count];
        for (int c = 0; c < parsed.Length; c++) parsed[c] = ParseColumn(csv, c);
        int stepIndex = IndexOf(csv.Header, options.StepColumn);
        var groups = stepIndex < 0
            ? Enumerable.Range(0, csv.RowCount).Select(r => new[] { r }).ToList()
            : StepGroups(csv, parsed[stepIndex], options.StepColumn);

        var merged = new Dictionary<string, ParsedColumn>(StringComparer.Ordinal);
        for (int c = 0; c < parsed.Length; c++)
        {
            var values = new double[groups.Count];
            for (int g = 0; g < groups.Count; g++)
                values[g] = Merge(csv, parsed[c].Values, groups[g], csv.Header[c], stepIndex < 0 ? double.NaN : parsed[stepIndex].Values[groups[g][0]]);
            merged[csv.Header[c]] = new ParsedColumn(values, parsed[c].Error);
        }
        var lines = groups.Select(g => csv.RowLines[g[0]]).ToArray();
        return new CsvRunTable(csv.Source, csv.FileHeader, merged, lines, stepIndex >= 0);
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++) if (header[i] == name) return i;
        return -1;
    }

    // The rows (indices in file order) of each step, in step order; a step must be a finite number.
    private static List<int[]> StepGroups(CsvTable csv, ParsedColumn step, string stepColumn)
    {
        if (step.Error is { } e) throw e;
        for (int r = 0; r < csv.RowCount; r++)
            if (double.IsNaN(step.Values[r]))
                throw new DataFormatException(csv.Source, csv.RowLines[r], stepColumn, "the step is empty (rows are ordered by step)");
        // The usual file is already in strictly increasing step order: one row per step, nothing to sort.
        bool increasing = true;
        for (int r = 1; r < csv.RowCount && increasing; r++) increasing = step.Values[r] > step.Values[r - 1];
        if (increasing)
        {
            var single = new List<int[]>(csv.RowCount);
            for (int r = 0; r < csv.RowCount; r++) single.Add([r]);
            return single;
        }
        return Enumerable.Range(0, csv.RowCount).GroupBy(r => step.Values[r]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
    }

    // One step's value of a column: the value its rows give (empty cells aside); two different values are an error.
    private static double Merge(CsvTable csv, double[] values, int[] rows, string column, double step)
    {
        double v = values[rows[0]];
        int from = rows[0];
        for (int i = 1; i < rows.Length; i++)
        {
            double w = values[rows[i]];
            if (double.IsNaN(w)) continue;
            if (double.IsNaN(v)) { v = w; from = rows[i]; }
            else if (v != w)
                throw new DataFormatException(csv.Source, csv.RowLines[rows[i]], column,
                    $"step {Format(step)} is also on line {csv.RowLines[from]} with a different value ({Format(v)} there, {Format(w)} here); rows of one step must agree");
        }
        return v;
    }

    // Doubles of one column (NaN where empty) and the first cell that is not a finite number, if any.
    private static ParsedColumn ParseColumn(CsvTable csv, int c)
    {
        var values = new double[csv.RowCount];
        DataFormatException? error = null;
        for (int r = 0; r < values.Length; r++)
        {
            var s = csv.Rows[r][c].AsSpan().Trim();
            values[r] = double.NaN;
            if (s.Length == 0) continue;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                error ??= new DataFormatException(csv.Source, csv.RowLines[r], csv.Header[c], $"expected a number, found '{Truncate(s)}'");
            else if (!double.IsFinite(x))
                error ??= new DataFormatException(csv.Source, csv.RowLines[r], csv.Header[c],
                    $"expected a finite number, found '{Truncate(s)}'" + (double.IsNaN(x) ? " (leave the cell empty for a missing value)" : IsInfinityText(s) ? "" : " (beyond the range of a double)"));
            else values[r] = x;
        }
        return new ParsedColumn(values, error);
    }

    private static bool IsInfinityText(ReadOnlySpan<char> s) =>
        s.TrimStart("+-").StartsWith("inf", StringComparison.OrdinalIgnoreCase) || s.Contains('∞');

    public bool HasColumn(string column) => _columns.ContainsKey(column) || Columns.Contains(column);

    public double[] Column(string column, string purpose)
    {
        if (_columns.TryGetValue(column, out var parsed))
        {
            if (parsed.Error is { } e) throw e;
            return (double[])parsed.Values.Clone();
        }
        if (Columns.Contains(column))
            throw new InvalidOperationException($"{Source}: column '{column}' was not kept when the file was read (WandbReadOptions.Columns)");
        throw new DataFormatException(Source, null, column, $"column not found (needed for the {purpose})");
    }

    public int Line(int row) => _lines[row];

    public string RowSource(int row) => Source;

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : s[..40].ToString() + "…";
}
