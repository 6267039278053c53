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
    // that are not kept are skipped, not copied. Runs of plain characters (no quote, comma or line break) are taken
    // whole: a command reads every run file at start-up (docs/engine.md, start-up). The scan is a plain loop, not
    // SearchValues/IndexOfAny: their generic instantiations are not precompiled (ReadyToRun) and run unoptimised
    // in a short process.
    private static CsvTable Parse(TextReader reader, string source, Func<string, bool>? keep)
    {
        var parser = new CsvParser(source, keep);
        var buffer = new char[16384];
        for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;) parser.Take(buffer.AsSpan(0, n));
        return parser.Finish();
    }

    /// <summary>The state of <see cref="Parse(TextReader, string, Func{string, bool}?)"/> between blocks.</summary>
    private sealed class CsvParser(string source, Func<string, bool>? keep)
    {
        private string[]? _fileHeader, _header;
        private int[]? _slot;   // per file column: its index in a kept row, or −1
        private readonly List<string[]> _rows = [];
        private readonly List<int> _lines = [];
        private readonly List<string?> _cells = [];
        private readonly StringBuilder _cell = new();
        private bool _inQuotes, _quoteInQuotes, _any;
        private int _line = 1, _recordLine = 1;

        private bool Kept => _slot is null || _cells.Count >= _slot.Length || _slot[_cells.Count] >= 0;

        public void Take(ReadOnlySpan<char> block)
        {
            int i = 0;
            while (i < block.Length)
            {
                if (_inQuotes && !_quoteInQuotes)
                {
                    // Inside quotes everything but a quote is the cell's (line breaks counted).
                    int stop = i;
                    for (char c; stop < block.Length && (c = block[stop]) != '"'; stop++) if (c == '\n') _line++;
                    if (stop > i)
                    {
                        if (Kept) _cell.Append(block[i..stop]);
                        i = stop;
                        continue;
                    }
                }
                else if (!_inQuotes)
                {
                    int stop = i;
                    for (char c; stop < block.Length && (c = block[stop]) is not ('"' or ',' or '\r' or '\n'); stop++) { }
                    if (stop > i)
                    {
                        if (Kept) _cell.Append(block[i..stop]);
                        _any = true;
                        i = stop;
                        continue;
                    }
                }
                Take(block[i++]);
            }
        }

        private void Take(char c)
        {
            if (_quoteInQuotes)
            {
                _quoteInQuotes = false;
                if (c == '"') { if (Kept) _cell.Append('"'); return; }   // a doubled quote
                _inQuotes = false;                                       // the closing quote: c is outside
            }
            else if (_inQuotes)
            {
                if (c == '"') _quoteInQuotes = true;
                else
                {
                    if (c == '\n') _line++;
                    if (Kept) _cell.Append(c);
                }
                return;
            }
            switch (c)
            {
                case '"': _inQuotes = true; _any = true; break;
                case ',': EndCell(); _any = true; break;
                case '\r': break;
                case '\n':
                    if (_any || _cell.Length > 0) EndRecord();
                    _cell.Clear(); _cells.Clear(); _any = false;
                    _line++; _recordLine = _line;
                    break;
                default: if (Kept) _cell.Append(c); _any = true; break;
            }
        }

        private void EndCell()
        {
            _cells.Add(Kept ? _cell.ToString() : null);
            _cell.Clear();
        }

        private void EndRecord()
        {
            EndCell();
            if (_fileHeader is null)
            {
                _fileHeader = ReadHeader(_cells, source);
                _slot = new int[_fileHeader.Length];
                var kept = new List<string>();
                for (int i = 0; i < _fileHeader.Length; i++)
                {
                    _slot[i] = keep is null || keep(_fileHeader[i]) ? kept.Count : -1;
                    if (_slot[i] >= 0) kept.Add(_fileHeader[i]);
                }
                _header = kept.ToArray();
            }
            else
            {
                if (_cells.Count != _fileHeader.Length)
                    throw new DataFormatException(source, _recordLine, null,
                        $"expected {_fileHeader.Length} cells as in the header, found {_cells.Count} (file truncated or malformed?)");
                var row = new string[_header!.Length];
                for (int i = 0; i < _cells.Count; i++) if (_slot![i] >= 0) row[_slot[i]] = _cells[i]!;
                _rows.Add(row);
                _lines.Add(_recordLine);
            }
            _cells.Clear();
        }

        public CsvTable Finish()
        {
            if (_quoteInQuotes) { _quoteInQuotes = false; _inQuotes = false; }
            if (_inQuotes) throw new DataFormatException(source, _recordLine, null, "unterminated quoted cell (file truncated?)");
            if (_any || _cell.Length > 0) EndRecord();
            if (_fileHeader is null) throw new DataFormatException(source, null, null, "file is empty (expected a header row)");
            return new CsvTable(source, _fileHeader, _header!, _rows, _lines);
        }
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
