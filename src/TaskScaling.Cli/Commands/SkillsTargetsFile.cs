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
        string Column(string wanted) => TargetsCsv.Column(t, wanted)
            ?? throw new DataFormatException(path, 1, null, $"expected a column '{wanted}' (the columns are family, params, tokens)");
        string family = Column("family"), n = Column("params"), d = Column("tokens");
        if (t.RowCount == 0) throw new DataFormatException(path, null, null, "no targets (one row per target after the header)");
        var rows = new List<SkillsTarget>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            var name = t.Cell(r, family).Trim();
            if (name.Length == 0) throw new DataFormatException(path, t.RowLines[r], family, "expected a family, found an empty cell");
            rows.Add(new SkillsTarget(name, CountOptions.Billions(TargetsCsv.Count(t, path, r, n, "70B"))!.Value,
                CountOptions.Trillions(TargetsCsv.Count(t, path, r, d, "15T"))!.Value));
        }
        return rows;
    }
}
