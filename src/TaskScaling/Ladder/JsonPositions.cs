namespace TaskScaling.Ladder;

/// <summary>
/// Where each value of a JSON text is (1-based line and character), by its path (<c>runs[3].parameters</c>), so that
/// a check made after deserialising can name the line like a syntax error does. Characters count Unicode scalar
/// values from the start of the line (a UTF-8 lead byte starts one), as an editor's column does.
/// </summary>
internal sealed class JsonPositions
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private readonly Dictionary<string, long> _byPath = new(StringComparer.Ordinal);

    public JsonPositions(byte[] utf8)
    {
        _utf8 = utf8;
        for (int i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') _lineStarts.Add(i + 1);
    }

    public void Record(string path, long offset) => _byPath.TryAdd(path.Length == 0 ? "$" : path, offset);

    /// <summary>Line and character of a byte offset of the text.</summary>
    public (int Line, int Character) LineAndCharacter(long offset)
    {
        int line = _lineStarts.BinarySearch((int)offset);
        if (line < 0) line = ~line - 1;
        return (line + 1, Characters(_lineStarts[line], (int)offset) + 1);
    }

    /// <summary>As System.Text.Json reports a position (0-based line, byte in the line), made 1-based in characters.</summary>
    public (int? Line, int? Character) At(long? lineNumber, long? bytePositionInLine)
    {
        if (lineNumber is not { } l || l >= _lineStarts.Count) return (null, null);
        int start = _lineStarts[(int)l];
        return ((int)l + 1, bytePositionInLine is { } b ? Characters(start, (int)Math.Min(start + b, _utf8.Length)) + 1 : null);
    }

    /// <summary>The position of <paramref name="path"/>, else of its nearest recorded parent (a value left out).</summary>
    public (int Line, int Character)? Of(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_byPath.TryGetValue(p, out var offset)) return LineAndCharacter(offset);
        return null;
    }

    /// <summary>The error at a position: file, line, the JSON path as the column, and the character in the message.</summary>
    public DataFormatException Error(string source, (int Line, int Character)? at, string path, string problem) =>
        new(source, at?.Line, path, problem + AtCharacter(at?.Character));

    public static string AtCharacter(int? character) => character is { } c ? $" (character {c} of the line)" : "";

    private int Characters(int from, int to)
    {
        int n = 0;
        for (int i = from; i < to; i++) if ((_utf8[i] & 0xC0) != 0x80) n++;
        return n;
    }

    private static string Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : "";
    }
}
