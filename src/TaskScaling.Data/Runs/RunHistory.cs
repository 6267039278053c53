using System.Globalization;

namespace TaskScaling.Data.Runs;

/// <summary>
/// A run's evaluations as a table: one row per evaluated checkpoint (in training order), columns by name,
/// missing values allowed (NaN). Read from a W&amp;B run-history export (<see cref="Load(string, WandbReadOptions)"/>:
/// rows sorted by step, rows of one step merged) or from lm-evaluation-harness results, one file per checkpoint
/// (<see cref="LoadLmEval"/>, columns "task/metric", rows sorted by tokens). A cell that is not a finite number,
/// or outside the range of the kind the caller asks for, is an error naming file, line and column; a missing column
/// an error naming the file and column (for lm-eval: the task or metric, the ones that exist and the nearest).
/// </summary>
public sealed class RunHistory
{
    private readonly IRunTable _table;

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

    /// <summary>A W&amp;B run-history CSV, every column kept, ordered by <c>_step</c>.</summary>
    public static RunHistory Load(string path) => Load(path, WandbReadOptions.Default);

    /// <summary>A W&amp;B run-history CSV: the columns <paramref name="options"/> keeps, ordered by its step column.</summary>
    public static RunHistory Load(string path, WandbReadOptions options)
    {
        Loading?.Invoke(path);
        return new RunHistory(CsvRunTable.Load(path, options));
    }

    /// <summary>A W&amp;B run-history CSV held in memory; <paramref name="source"/> names it in messages.</summary>
    public static RunHistory Parse(string text, string source) => Parse(text, source, WandbReadOptions.Default);

    public static RunHistory Parse(string text, string source, WandbReadOptions options) =>
        new(CsvRunTable.Parse(text, source, options));

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
    /// <paramref name="purpose"/> (e.g. "loss of task mmlu"), and so is a value that is not finite or outside
    /// the range of <paramref name="kind"/>.</summary>
    public double[] Column(string column, string purpose, ColumnKind kind = ColumnKind.Any)
    {
        var values = _table.Column(column, purpose);
        for (int r = 0; r < values.Length; r++)
        {
            double v = values[r];
            if (double.IsNaN(v)) continue;
            string? expected = !double.IsFinite(v) ? "a finite number"
                : kind == ColumnKind.NonNegative && v < 0 ? "a value ≥ 0"
                : kind == ColumnKind.NonPositive && v > 0 ? "a value ≤ 0"
                : kind == ColumnKind.Fraction && v is < 0 or > 1 ? "a fraction in [0, 1]"
                : null;
            if (expected is not null)
                throw new DataFormatException(RowSource(r), HasLines ? Line(r) : null, column,
                    $"expected {expected} for the {purpose}, found {v.ToString("R", CultureInfo.InvariantCulture)}");
        }
        return values;
    }

    /// <summary>Tokens D seen at each row (NaN where they cannot be read), following <paramref name="spec"/>.
    /// For lm-eval runs D was computed when the files were read (from the run's token spec).</summary>
    public double[] Tokens(TokenSpec spec)
    {
        if (_table.Tokens is { } fixedTokens) return (double[])fixedTokens.Clone();
        var d = TokensOfRows(spec);
        if (spec.Source != TokenSource.Fixed) RequireGrowing(d, spec);
        return d;
    }

    // D must grow with the step (rows are in step order): a D that does not is a broken export or a mixed-up file.
    private void RequireGrowing(double[] d, TokenSpec spec)
    {
        string column = spec.Source == TokenSource.Column || spec.Source == TokenSource.Auto && _table.HasColumn(spec.Column)
            ? spec.Column
            : spec.TokensPerStep is null ? spec.BatchColumn : spec.StepColumn;
        int previous = -1;
        for (int r = 0; r < d.Length; r++)
        {
            if (double.IsNaN(d[r])) continue;
            if (!double.IsFinite(d[r]) || d[r] < 0)
                throw new DataFormatException(RowSource(r), HasLines ? Line(r) : null, column,
                    $"tokens D must be a finite number ≥ 0, found {d[r].ToString("R", CultureInfo.InvariantCulture)}");
            if (previous >= 0 && !(d[r] > d[previous]))
                throw new DataFormatException(RowSource(r), HasLines ? Line(r) : null, column,
                    $"tokens D must grow with the step (each checkpoint's D positive and larger than the one before), found {d[r].ToString("R", CultureInfo.InvariantCulture)} after {d[previous].ToString("R", CultureInfo.InvariantCulture)}" +
                    (HasLines ? $" on line {Line(previous)}" : "") + (_table is CsvRunTable { OrderedByStep: false } ? " (the file has no step column: rows are taken in file order)" : ""));
            previous = r;
        }
    }

    private double[] TokensOfRows(TokenSpec spec)
    {
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

