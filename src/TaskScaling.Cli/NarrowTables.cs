using Spectre.Console;

namespace TaskScaling.Cli;

/// <summary>
/// Human tables fit <see cref="MaxWidth"/> columns (a 100-column terminal never wraps a cell): a table with more
/// columns than fit is split into several tables that repeat its key column, each as wide as fits.
/// </summary>
internal static class NarrowTables
{
    /// <summary>The widest a human table may be, in terminal columns.</summary>
    public const int MaxWidth = 100;

    /// <summary>The tables showing <paramref name="columns"/> of <paramref name="rows"/> next to the key column (the
    /// rows' first cell), as few as fit <see cref="MaxWidth"/> each. A rounded table with cell padding 1 is
    /// 1 + Σ (width + 3) columns wide, a column's width being its widest header line or cell.</summary>
    public static IEnumerable<Table> Split(string key, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        int Width(int c) => Math.Max((c == 0 ? key : columns[c - 1]).Split('\n').Max(l => l.Length), rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max());
        int keyWidth = 1 + Width(0) + 3;
        int from = 0;
        while (from < columns.Count)
        {
            int to = from, width = keyWidth;
            while (to < columns.Count && (to == from || width + Width(to + 1) + 3 <= MaxWidth)) width += Width(++to) + 3;
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns([key, .. columns.Skip(from).Take(to - from)]);
            foreach (var r in rows) table.AddRow([new Text(r[0]), .. r.Skip(1 + from).Take(to - from).Select(c => new Text(c))]);
            yield return table;
            from = to;
        }
    }
}
