
namespace TaskScaling.Data.Runs;

/// <summary>
/// A run's evaluations as a table: one row per evaluated checkpoint (in training order), columns by name,
/// missing values allowed (NaN). Read from a W&amp;B run-history export (<see cref="Load"/>) or from
/// lm-evaluation-harness results, one file per checkpoint (<see cref="LoadLmEval"/>, columns "task/metric",
/// rows sorted by tokens). A non-numeric cell is an error naming file, line and column; a missing column an
/// error naming the file and column (for lm-eval: the task or metric, the ones that exist and the nearest).
/// </summary>
public sealed class RunHistory
{
    private readonly IRunTable _table;

    /// <summary>The CSV (W&amp;B runs); null for lm-eval runs.</summary>
    public CsvTable? Table => (_table as CsvRunTable)?.Csv;
    public string Source => _table.Source;
    public int RowCount => _table.RowCount;
    /// <summary>Every column name (for lm-eval: every "task/metric" found in any checkpoint).</summary>
    public IReadOnlyList<string> Columns => _table.Columns;
    /// <summary>What the reader decided that a user should know (lm-eval merges); empty for CSVs.</summary>
    public IReadOnlyList<string> Notes => _table.Notes;

    private RunHistory(IRunTable table) => _table = table;

    /// <summary>Raised with the path each time a run's file (or lm-eval results) is read, on the reading thread:
    /// lets tests count the reads. Raising is thread-safe (the handler list is read once per call).</summary>
    internal static event Action<string>? Loading;

    public static RunHistory Load(string path)
    {
        Loading?.Invoke(path);
        var table = CsvTable.Load(path);
        if (table.RowCount == 0)
            throw new DataFormatException(path, null, null, "the file has a header but no checkpoint rows");
        return new RunHistory(new CsvRunTable(table));
    }

    public static RunHistory Parse(string text, string source)
    {
        var table = CsvTable.Parse(text, source);
        if (table.RowCount == 0)
            throw new DataFormatException(source, null, null, "the file has a header but no checkpoint rows");
        return new RunHistory(new CsvRunTable(table));
    }

    /// <summary>
    /// lm-evaluation-harness results of one run, one file per checkpoint: <paramref name="path"/> is a folder
    /// (every *.json below it), a glob or a file (see <see cref="LmEvalRunFiles"/>). D per checkpoint follows
    /// <paramref name="tokens"/> (step × tokens per step, per-checkpoint values, or one fixed value); files of the
    /// same checkpoint are merged (a task measured twice keeps the newer date); rows are sorted by D.
    /// </summary>
    public static RunHistory LoadLmEval(string path, TokenSpec tokens)
    {
        Loading?.Invoke(path);
        return new(LmEvalRunTable.Load(path, tokens));
    }

    /// <summary>1-based file line of a row (lm-eval: the 1-based checkpoint number).</summary>
    public int Line(int row) => _table.Line(row);

    /// <summary>The file a row comes from (the CSV, or the checkpoint's results file).</summary>
    public string RowSource(int row) => _table.RowSource(row);

    public bool HasColumn(string column) => _table.HasColumn(column);

    /// <summary>True when rows have file lines (CSV); lm-eval rows are numbered checkpoints.</summary>
    public bool HasLines => _table.HasLines;

    /// <summary>A fresh array of the column's values (NaN = missing); a missing column is an error naming
    /// <paramref name="purpose"/> (e.g. "loss of task mmlu").</summary>
    public double[] Column(string column, string purpose) => _table.Column(column, purpose);

    /// <summary>Tokens D seen at each row (NaN where they cannot be read), following <paramref name="spec"/>.
    /// For lm-eval runs D was computed when the files were read (from the run's token spec).</summary>
    public double[] Tokens(TokenSpec spec)
    {
        if (_table.Tokens is { } fixedTokens) return (double[])fixedTokens.Clone();
        var d = new double[RowCount];
        switch (spec.Source)
        {
            case TokenSource.Fixed:
                if (spec.Value is not { } v)
                    throw new DataFormatException(Source, null, null, "tokens source 'fixed' needs a value");
                Array.Fill(d, v);
                return d;
            case TokenSource.Column:
                return _table.Column(spec.Column, "tokens D");
            case TokenSource.StepTimesBatch:
                return StepTimesBatch(spec);
            case TokenSource.PerCheckpoint:
                throw new DataFormatException(Source, null, null, "tokens source 'perCheckpoint' is for lm-eval runs (format lmEval); a CSV gives D by column or step × batch");
            default:
                if (!_table.HasColumn(spec.Column)) return StepTimesBatch(spec);
                var col = _table.Column(spec.Column, "tokens D");
                bool anyMissing = col.Any(double.IsNaN);
                if (!anyMissing || !_table.HasColumn(spec.StepColumn) || (spec.TokensPerStep is null && !_table.HasColumn(spec.BatchColumn))) return col;
                var alt = StepTimesBatch(spec);
                for (int r = 0; r < col.Length; r++) if (double.IsNaN(col[r])) col[r] = alt[r];
                return col;
        }
    }

    private double[] StepTimesBatch(TokenSpec spec)
    {
        var step = _table.Column(spec.StepColumn, "tokens D (step × batch size)");
        if (spec.TokensPerStep is { } perStep)
        {
            for (int r = 0; r < step.Length; r++) step[r] *= perStep;
            return step;
        }
        var batch = _table.Column(spec.BatchColumn, "tokens D (step × batch size)");
        for (int r = 0; r < step.Length; r++) step[r] *= batch[r];
        return step;
    }
}

/// <summary>The rows and columns behind a <see cref="RunHistory"/>.</summary>
internal interface IRunTable
{
    string Source { get; }
    int RowCount { get; }
    IReadOnlyList<string> Columns { get; }
    IReadOnlyList<string> Notes { get; }
    /// <summary>D per row when the source fixes it (lm-eval), else null (read from columns).</summary>
    double[]? Tokens { get; }
    bool HasLines { get; }
    bool HasColumn(string column);
    /// <summary>A fresh array of the column's values (NaN = missing); a missing column is an error naming <paramref name="purpose"/>.</summary>
    double[] Column(string column, string purpose);
    int Line(int row);
    string RowSource(int row);
}

internal sealed class CsvRunTable(CsvTable csv) : IRunTable
{
    public CsvTable Csv { get; } = csv;
    public string Source => Csv.Source;
    public int RowCount => Csv.RowCount;
    public IReadOnlyList<string> Columns => Csv.Header;
    public IReadOnlyList<string> Notes => [];
    public double[]? Tokens => null;
    public bool HasLines => true;
    public bool HasColumn(string column) => Csv.HasColumn(column);
    public int Line(int row) => Csv.RowLines[row];
    public string RowSource(int row) => Csv.Source;

    public double[] Column(string column, string purpose)
    {
        if (!Csv.HasColumn(column))
            throw new DataFormatException(Source, null, column, $"column not found (needed for the {purpose})");
        int i = Csv.ColumnIndex(column);
        var y = new double[RowCount];
        for (int r = 0; r < RowCount; r++) y[r] = Csv.Number(r, i);
        return y;
    }
}
