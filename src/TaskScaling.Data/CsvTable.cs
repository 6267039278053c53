using System.Globalization;
using System.Text;

namespace TaskScaling.Data;

/// <summary>
/// A CSV file read whole into memory: a header and rows of raw cells. RFC 4180 quoting (quoted
/// commas, doubled quotes, quoted line breaks) is honoured. Cells are looked up by column name, and
/// every numeric accessor reports the file, line and column of a bad cell.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    public string Source { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }
    /// <summary>1-based file line on which each row starts (for error messages).</summary>
    public IReadOnlyList<int> RowLines { get; }

    private CsvTable(string source, string[] header, List<string[]> rows, List<int> rowLines)
    {
        Source = source;
        Header = header;
        Rows = rows;
        RowLines = rowLines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) _index.TryAdd(header[i], i);
    }

    public static CsvTable Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new DataFormatException(path, null, null, "file not found");
        string text;
        try { text = System.IO.File.ReadAllText(path); }
        catch (IOException e) { throw new DataFormatException(path, null, null, $"cannot read: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new DataFormatException(path, null, null, $"cannot read: {e.Message}"); }
        return Parse(text, path);
    }

    public static CsvTable Parse(string text, string source)
    {
        var records = new List<(List<string> cells, int line)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool inQuotes = false, any = false;
        int line = 1, recordLine = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; any = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((cells, recordLine)); }
                    cells = new List<string>(); cell.Clear(); any = false;
                    line++; recordLine = line;
                    break;
                default: cell.Append(c); any = true; break;
            }
        }
        if (inQuotes) throw new DataFormatException(source, recordLine, null, "unterminated quoted cell (file truncated?)");
        if (any || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((cells, recordLine)); }
        if (records.Count == 0) throw new DataFormatException(source, null, null, "file is empty (expected a header row)");

        var header = records[0].cells.Select(h => h.Trim()).ToArray();
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0][1..];
        var rows = new List<string[]>(records.Count - 1);
        var lines = new List<int>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            var rec = records[r].cells;
            if (rec.Count != header.Length)
                throw new DataFormatException(source, records[r].line, null,
                    $"expected {header.Length} cells as in the header, found {rec.Count} (file truncated or malformed?)");
            rows.Add(rec.ToArray());
            lines.Add(records[r].line);
        }
        return new CsvTable(source, header, rows, lines);
    }

    public int RowCount => Rows.Count;

    public bool HasColumn(string name) => _index.ContainsKey(name);

    public int ColumnIndex(string name) =>
        _index.TryGetValue(name, out var i) ? i
            : throw new DataFormatException(Source, null, name, "column not found in the header");

    public string Cell(int row, string column) => Rows[row][ColumnIndex(column)];

    /// <summary>The cell as a double; NaN when empty (missing); an error naming file/line/column when not a number.</summary>
    public double Number(int row, string column) => Number(row, ColumnIndex(column));

    public double Number(int row, int columnIndex)
    {
        var s = Rows[row][columnIndex].Trim();
        if (s.Length == 0 || s.Equals("nan", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new DataFormatException(Source, RowLines[row], Header[columnIndex], $"expected a number, found '{Truncate(s)}'");
    }

    /// <summary>The cell as a double that must be present.</summary>
    public double RequiredNumber(int row, string column)
    {
        var v = Number(row, column);
        if (double.IsNaN(v)) throw new DataFormatException(Source, RowLines[row], column, "expected a number, found an empty cell");
        return v;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
