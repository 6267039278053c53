namespace TaskScaling.Data.Leaderboard;

/// <summary>
/// Reads a leaderboard CSV (<c>data_v2.csv</c> as it is, or any file with model, family, size, tokens
/// and benchmark columns named by <see cref="LeaderboardColumns"/>). Empty cells are missing values;
/// a non-numeric cell, a score outside [0, 1], a non-positive size/tokens or a missing column is a
/// <see cref="DataFormatException"/> naming file, line and column.
/// </summary>
public static class LeaderboardReader
{
    /// <summary>The Sloth table <c>sloth/data_v2.csv</c> under the data folder, with the given benchmark columns (default all 12).</summary>
    public static LeaderboardTable ReadSloth(string dataRoot, IReadOnlyList<string>? benchmarks = null) =>
        Read(DataFolder.Require(dataRoot, DataFolder.SlothTable),
            benchmarks is null ? null : LeaderboardColumns.Default with { Benchmarks = benchmarks });

    public static LeaderboardTable Read(string path, LeaderboardColumns? columns = null) =>
        FromCsv(CsvTable.Load(path), columns);

    public static LeaderboardTable FromCsv(CsvTable csv, LeaderboardColumns? columns = null)
    {
        columns ??= LeaderboardColumns.Default;
        int cModel = csv.ColumnIndex(columns.Model), cFam = csv.ColumnIndex(columns.Family);
        int cS = csv.ColumnIndex(columns.Parameters), cT = csv.ColumnIndex(columns.Tokens);
        int cF = columns.Flops is not null && csv.HasColumn(columns.Flops) ? csv.ColumnIndex(columns.Flops) : -1;
        var cB = columns.Benchmarks.Select(csv.ColumnIndex).ToArray();
        int n = csv.RowCount, m = cB.Length;
        var models = new string[n]; var fams = new string[n];
        var s = new double[n]; var t = new double[n]; var f = new double[n];
        var y = new double[n, m];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            int line = csv.RowLines[i];
            models[i] = csv.Rows[i][cModel].Trim();
            fams[i] = csv.Rows[i][cFam].Trim();
            if (models[i].Length == 0) throw new DataFormatException(csv.Source, line, columns.Model, "empty model name");
            if (!seen.Add(models[i])) throw new DataFormatException(csv.Source, line, columns.Model, $"duplicate model '{models[i]}'");
            if (fams[i].Length == 0) throw new DataFormatException(csv.Source, line, columns.Family, "empty family");
            s[i] = Positive(csv, i, cS);
            t[i] = Positive(csv, i, cT);
            f[i] = cF >= 0 ? Positive(csv, i, cF) : 6.0 * s[i] * t[i];
            for (int j = 0; j < m; j++)
            {
                double v = csv.Number(i, cB[j]);
                if (!double.IsNaN(v) && !(v >= 0 && v <= 1))
                    throw new DataFormatException(csv.Source, line, csv.Header[cB[j]],
                        $"score {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} outside [0, 1] (scores must be fractions, not percentages)");
                y[i, j] = v;
            }
        }
        return new LeaderboardTable(csv.Source, models, fams, s, t, f, columns.Benchmarks.ToArray(), y, csv.RowLines.ToArray());
    }

    private static double Positive(CsvTable csv, int row, int col)
    {
        double v = csv.Number(row, col);
        if (!double.IsNaN(v) && !(v > 0 && double.IsFinite(v)))
            throw new DataFormatException(csv.Source, csv.RowLines[row], csv.Header[col], "expected a positive number");
        return v;
    }
}
