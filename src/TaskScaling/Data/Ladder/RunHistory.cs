using TaskScaling.Ladder;

namespace TaskScaling.Data.Ladder;

/// <summary>
/// A W&amp;B run-history export: one row per evaluated checkpoint, columns by name, empty cells allowed
/// (missing). Values are read as per-row series; a non-numeric cell is an error naming file, line and
/// column, a missing column an error naming file and column.
/// </summary>
public sealed class RunHistory
{
    public CsvTable Table { get; }
    public string Source => Table.Source;
    public int RowCount => Table.RowCount;

    private RunHistory(CsvTable table) => Table = table;

    public static RunHistory Load(string path)
    {
        var table = CsvTable.Load(path);
        if (table.RowCount == 0)
            throw new DataFormatException(path, null, null, "the file has a header but no checkpoint rows");
        return new RunHistory(table);
    }

    public static RunHistory Parse(string text, string source)
    {
        var table = CsvTable.Parse(text, source);
        if (table.RowCount == 0)
            throw new DataFormatException(source, null, null, "the file has a header but no checkpoint rows");
        return new RunHistory(table);
    }

    /// <summary>1-based file line of a row.</summary>
    public int Line(int row) => Table.RowLines[row];

    public bool HasColumn(string column) => Table.HasColumn(column);

    /// <summary>
    /// Per row, the weighted mean Σ wᵢxᵢ / Σ wᵢ of the columns; NaN where any of them is empty.
    /// </summary>
    /// <param name="purpose">What the columns are for, named in the error when one is missing (e.g. "loss of task mmlu").</param>
    public double[] Series(IReadOnlyList<WeightedColumn> columns, string purpose)
    {
        if (columns.Count == 0)
            throw new DataFormatException(Source, null, null, $"no columns given for the {purpose}");
        var idx = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            if (!Table.HasColumn(columns[c].Column))
                throw new DataFormatException(Source, null, columns[c].Column, $"column not found (needed for the {purpose})");
            idx[c] = Table.ColumnIndex(columns[c].Column);
        }
        double wsum = columns.Sum(c => c.Weight);
        var y = new double[RowCount];
        for (int r = 0; r < RowCount; r++)
        {
            double s = 0;
            for (int c = 0; c < idx.Length; c++) s += columns[c].Weight * Table.Number(r, idx[c]);
            y[r] = s / wsum;
        }
        return y;
    }

    /// <summary>Tokens D seen at each row (NaN where they cannot be read), following <paramref name="spec"/>.</summary>
    public double[] Tokens(TokenSpec spec)
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
                return ColumnValues(spec.Column, "tokens D");
            case TokenSource.StepTimesBatch:
                return StepTimesBatch(spec);
            default:
                if (!Table.HasColumn(spec.Column)) return StepTimesBatch(spec);
                var col = ColumnValues(spec.Column, "tokens D");
                bool anyMissing = col.Any(double.IsNaN);
                if (!anyMissing || !Table.HasColumn(spec.StepColumn) || !Table.HasColumn(spec.BatchColumn)) return col;
                var alt = StepTimesBatch(spec);
                for (int r = 0; r < col.Length; r++) if (double.IsNaN(col[r])) col[r] = alt[r];
                return col;
        }
    }

    private double[] StepTimesBatch(TokenSpec spec)
    {
        var step = ColumnValues(spec.StepColumn, "tokens D (step × batch size)");
        var batch = ColumnValues(spec.BatchColumn, "tokens D (step × batch size)");
        for (int r = 0; r < step.Length; r++) step[r] *= batch[r];
        return step;
    }

    private double[] ColumnValues(string column, string purpose)
    {
        if (!Table.HasColumn(column))
            throw new DataFormatException(Source, null, column, $"column not found (needed for the {purpose})");
        int i = Table.ColumnIndex(column);
        var y = new double[RowCount];
        for (int r = 0; r < RowCount; r++) y[r] = Table.Number(r, i);
        return y;
    }
}
