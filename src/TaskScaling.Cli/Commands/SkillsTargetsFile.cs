using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `skills predict --targets FILE`: many models at once from a CSV with the columns family, params and tokens (header
/// case, spaces, `_` and `-` ignored; counts as `--params`/`--tokens` take them: 70B, 15T, 1.3e9 or a raw count, a bare
/// number below a million refused as ambiguous), as `ladder predict --targets` reads its file.
/// </summary>
internal static class SkillsTargetsFile
{
    public static IReadOnlyList<SkillsTarget> Read(string path)
    {
        var t = CsvTable.Load(path);
        string Column(string wanted) => t.Header.FirstOrDefault(h => Key(h) == wanted)
            ?? throw new DataFormatException(path, 1, null, $"expected a column '{wanted}' (the columns are family, params, tokens)");
        string family = Column("family"), n = Column("params"), d = Column("tokens");
        if (t.RowCount == 0) throw new DataFormatException(path, null, null, "no targets (one row per target after the header)");
        var rows = new List<SkillsTarget>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            var name = t.Cell(r, family).Trim();
            if (name.Length == 0) throw new DataFormatException(path, t.RowLines[r], family, "expected a family, found an empty cell");
            double Count(string column, string example) =>
                CountOptions.TryParse(t.Cell(r, column), out var v, out var why) ? v : throw new DataFormatException(path, t.RowLines[r], column, $"{why}, e.g. {example}");
            rows.Add(new SkillsTarget(name, CountOptions.Billions(Count(n, "70B"))!.Value, CountOptions.Trillions(Count(d, "15T"))!.Value));
        }
        return rows;
    }

    private static string Key(string header) =>
        new string(header.Where(c => c is not (' ' or '_' or '-')).ToArray()).ToLowerInvariant();
}
