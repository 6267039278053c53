namespace TaskScaling;

/// <summary>
/// A user's input is wrong: a file is missing, truncated, or holds a cell that is not what was expected.
/// The message is one line that names the file and, where known, the line (1-based) and column, so the
/// CLI can print it as it is (no stack trace) and exit with code 2.
/// </summary>
public class DataFormatException : Exception
{
    public string? File { get; }
    public int? Line { get; }
    public string? Column { get; }

    public DataFormatException(string message) : base(message) { }

    public DataFormatException(string? file, int? line, string? column, string problem, Exception? inner = null)
        : base(Compose(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    private static string Compose(string? file, int? line, string? column, string problem)
    {
        var where = new List<string>();
        if (file is not null) where.Add(file);
        if (line is not null) where.Add($"line {line}");
        if (column is not null) where.Add($"column '{column}'");
        return where.Count == 0 ? problem : $"{string.Join(", ", where)}: {problem}";
    }
}
