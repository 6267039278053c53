using TaskScaling.Data;
using TaskScaling.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `ladder predict --targets FILE`: many hypothetical targets at once from a CSV with the columns name, params,
/// tokens and optionally flopsPerToken (header case, spaces, `_` and `-` ignored: "flops per token" is fine; counts
/// raw or as 70B, 15T). One fit (or the saved one) predicts every row (<see cref="LadderPredictionRequest.Hypothetical"/>).
/// </summary>
internal static class LadderTargetsFile
{
    public static IReadOnlyList<HypotheticalTarget> Read(string path)
    {
        var t = CsvTable.Load(path);
        string Column(string wanted, bool required)
        {
            var found = TargetsCsv.Column(t, wanted);
            if (found is null && required)
                throw new DataFormatException(path, 1, null, $"expected a column '{wanted}' (the columns are name, params, tokens[, flopsPerToken])");
            return found ?? "";
        }
        string name = Column("name", true), n = Column("params", true), d = Column("tokens", true), f = Column("flopspertoken", false);
        if (t.RowCount == 0) throw new DataFormatException(path, null, null, "no targets (one row per target after the header)");
        var rows = new List<HypotheticalTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < t.RowCount; r++)
        {
            var label = t.Cell(r, name).Trim();
            if (label.Length == 0) throw new DataFormatException(path, t.RowLines[r], name, "expected a target name, found an empty cell");
            if (!seen.Add(label)) throw new DataFormatException(path, t.RowLines[r], name, $"the target '{label}' is named twice");
            double Count(string column) => TargetsCsv.Count(t, path, r, column, "70B");
            rows.Add(new HypotheticalTarget(label, Count(n), Count(d), f.Length > 0 && t.Cell(r, f).Trim().Length > 0 ? Count(f) : null));
        }
        return rows;
    }
}
