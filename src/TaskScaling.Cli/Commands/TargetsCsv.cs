using TaskScaling.Data;

namespace TaskScaling.Cli.Commands;

/// <summary>What the `--targets FILE` readers of both methods share: header names matched ignoring case, spaces, `_`
/// and `-` ("Flops per token" = flopsPerToken), and counts read as `--params`/`--tokens` read them (70B, 15T, 1.3e9).</summary>
internal static class TargetsCsv
{
    /// <summary>The header of the column <paramref name="wanted"/> (lower case, no separators), or null.</summary>
    public static string? Column(CsvTable t, string wanted) => t.Header.FirstOrDefault(h => Key(h) == wanted);

    /// <summary>A count cell of row <paramref name="row"/>, or one error line naming file, line and column.</summary>
    public static double Count(CsvTable t, string path, int row, string column, string example) =>
        CountOptions.TryParse(t.Cell(row, column), out var v, out var why) ? v
            : throw new DataFormatException(path, t.RowLines[row], column, $"{why}, e.g. {example}");

    private static string Key(string header) =>
        new string(header.Where(c => c is not (' ' or '_' or '-')).ToArray()).ToLowerInvariant();
}
