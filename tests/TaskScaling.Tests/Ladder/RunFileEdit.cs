namespace TaskScaling.Tests.Ladder;

/// <summary>Edits of a W&amp;B run file for tests: one column's cells on chosen lines set to a value.</summary>
internal static class RunFileEdit
{
    /// <summary>Sets <paramref name="column"/> to <paramref name="value"/> on <paramref name="rows"/> of the file's lines
    /// (index 0 is the header; <c>^1..</c> is the last line).</summary>
    public static string[] SetCells(string[] lines, string column, Range rows, string value)
    {
        int c = Array.IndexOf(lines[0].Split(','), column);
        var (start, count) = rows.GetOffsetAndLength(lines.Length);
        for (int i = start; i < start + count; i++)
        {
            var cells = lines[i].Split(',');
            cells[c] = value;
            lines[i] = string.Join(',', cells);
        }
        return lines;
    }

    /// <summary>As <see cref="SetCells(string[], string, Range, string)"/> on a file's text (which ends in a newline after).</summary>
    public static string SetCells(string text, string column, Range rows, string value) =>
        string.Join('\n', SetCells(text.TrimEnd('\n').Split('\n'), column, rows, value)) + "\n";
}
