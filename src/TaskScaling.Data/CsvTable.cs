using System.Globalization;
using System.Text;

namespace TaskScaling.Data;

/// <summary>
/// A CSV file as a header and rows of raw cells (all columns, or the ones a reader keeps). RFC 4180 quoting
/// (quoted commas, doubled quotes, quoted line breaks) is honoured; a header naming a column twice is an error.
/// Cells are looked up by column name, and every numeric accessor reports the file, line and column of a bad cell.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    public string Source { get; }
    /// <summary>The names of the columns the rows hold (every column unless the table was read keeping some).</summary>
    public IReadOnlyList<string> Header { get; }
    /// <summary>Every column name of the file's header, kept or not.</summary>
    internal IReadOnlyList<string> FileHeader { get; }
    public IReadOnlyList<string[]> Rows { get; }
    /// <summary>1-based file line on which each row starts (for error messages).</summary>
    public IReadOnlyList<int> RowLines { get; }

    private CsvTable(string source, string[] fileHeader, string[] header, List<string[]> rows, List<int> rowLines)
    {
        Source = source;
        FileHeader = fileHeader;
        Header = header;
        Rows = rows;
        RowLines = rowLines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) _index.Add(header[i], i);
    }

    /// <summary>Reads a CSV file (a regular UTF-8 file within the input size limit, see <see cref="Internals.InputFile"/>).</summary>
    public static CsvTable Load(string path) => Load(path, null);

    /// <summary>Reads a CSV file keeping only the cells of the columns <paramref name="keep"/> accepts (all when null):
    /// a wide file costs the memory of the columns used.</summary>
    internal static CsvTable Load(string path, Func<string, bool>? keep) =>
        Internals.InputFile.ReadText(path, reader => Parse(reader, path, keep));

    public static CsvTable Parse(string text, string source) => Parse(text, source, null);

    internal static CsvTable Parse(string text, string source, Func<string, bool>? keep)
    {
        using var reader = new StringReader(text);
        return Parse(reader, source, keep);
    }

    // RFC 4180 read a block of characters at a time (a file is never held whole as text); the cells of columns
    // that are not kept are skipped, not copied.
    private static CsvTable Parse(TextReader reader, string source, Func<string, bool>? keep)
    {
        string[]? fileHeader = null, header = null;
        int[]? slot = null;   // per file column: its index in a kept row, or −1
        var rows = new List<string[]>();
        var lines = new List<int>();
        var cells = new List<string?>();
        var cell = new StringBuilder();
        bool inQuotes = false, quoteInQuotes = false, any = false;
        int line = 1, recordLine = 1;

        bool Kept() => slot is null || cells.Count >= slot.Length || slot[cells.Count] >= 0;

        void EndCell()
        {
            cells.Add(Kept() ? cell.ToString() : null);
            cell.Clear();
        }

        void EndRecord()
        {
            EndCell();
            if (fileHeader is null)
            {
                fileHeader = ReadHeader(cells, source);
                slot = new int[fileHeader.Length];
                var kept = new List<string>();
                for (int i = 0; i < fileHeader.Length; i++)
                {
                    slot[i] = keep is null || keep(fileHeader[i]) ? kept.Count : -1;
                    if (slot[i] >= 0) kept.Add(fileHeader[i]);
                }
                header = kept.ToArray();
            }
            else
            {
                if (cells.Count != fileHeader.Length)
                    throw new DataFormatException(source, recordLine, null,
                        $"expected {fileHeader.Length} cells as in the header, found {cells.Count} (file truncated or malformed?)");
                var row = new string[header!.Length];
                for (int i = 0; i < cells.Count; i++) if (slot![i] >= 0) row[slot[i]] = cells[i]!;
                rows.Add(row);
                lines.Add(recordLine);
            }
            cells.Clear();
        }

        void Take(char c)
        {
            if (quoteInQuotes)
            {
                quoteInQuotes = false;
                if (c == '"') { if (Kept()) cell.Append('"'); return; }   // a doubled quote
                inQuotes = false;                                         // the closing quote: c is outside
            }
            else if (inQuotes)
            {
                if (c == '"') quoteInQuotes = true;
                else
                {
                    if (c == '\n') line++;
                    if (Kept()) cell.Append(c);
                }
                return;
            }
            switch (c)
            {
                case '"': inQuotes = true; any = true; break;
                case ',': EndCell(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || cell.Length > 0) EndRecord();
                    cell.Clear(); cells.Clear(); any = false;
                    line++; recordLine = line;
                    break;
                default: if (Kept()) cell.Append(c); any = true; break;
            }
        }

        var buffer = new char[8192];
        for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;)
            for (int i = 0; i < n; i++) Take(buffer[i]);
        if (quoteInQuotes) { quoteInQuotes = false; inQuotes = false; }
        if (inQuotes) throw new DataFormatException(source, recordLine, null, "unterminated quoted cell (file truncated?)");
        if (any || cell.Length > 0) EndRecord();
        if (fileHeader is null) throw new DataFormatException(source, null, null, "file is empty (expected a header row)");
        return new CsvTable(source, fileHeader, header!, rows, lines);
    }

    // The header's names, trimmed, without a byte order mark; a name given twice is an error (which column would count?).
    // Names are interned: a ladder's run files repeat the same header.
    private static string[] ReadHeader(List<string?> cells, string source)
    {
        var header = cells.Select(h => string.Intern(h!.Trim())).ToArray();
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = string.Intern(header[0][1..]);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
            if (!first.TryAdd(header[i], i))
                throw new DataFormatException(source, 1, header[i],
                    $"the header names this column twice (columns {first[header[i]] + 1} and {i + 1}); rename one");
        return header;
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
