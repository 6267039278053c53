using TaskScaling.Data;

namespace TaskScaling.Skills.Import;

/// <summary>
/// Writes an imported table in the layout of <c>data_v2.csv</c> (the columns the skills commands read):
/// Model, Family, Family2, #Params (B), Pretraining Data Size (T), FLOPs (1E21), then the twelve
/// benchmarks (v1 then v2) on 0–1; a missing score is an empty cell (numbers as <see cref="CsvWriter"/> writes them).
/// The file is written whole or not at all (<see cref="AtomicFile"/>).
/// </summary>
internal static class SkillsTableWriter
{
    public static IReadOnlyList<string> Header { get; } =
        ["Model", "Family", "Family2", "#Params (B)", "Pretraining Data Size (T)", "FLOPs (1E21)", .. BenchmarkSets.All];

    public static string ToCsv(ImportedSkillsTable table) =>
        CsvWriter.ToText(Header, table.Rows.Select(r => (IEnumerable<object?>)
            [r.Model, r.Family, r.Family2, r.Parameters, r.Tokens, r.Flops, .. r.Scores.Cast<object?>()]));

    public static void Write(ImportedSkillsTable table, string path) => AtomicFile.WriteAllText(path, ToCsv(table));
}
