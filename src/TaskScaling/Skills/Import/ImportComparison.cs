using System.Globalization;
using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills.Import;

/// <summary>One model whose imported scores differ from the reference table, and why.</summary>
public sealed record ImportMismatch(string Model, string Reason);

/// <summary>
/// An imported table checked against a reference table (e.g. <c>data_v2.csv</c>) on some benchmarks, models
/// matched by <see cref="ModelKey"/>. Scores must be equal exactly (both files store the leaderboard's
/// two-decimal values). <see cref="Agreeing"/>: every compared score equal. <see cref="Mismatches"/>: each
/// other shared model with its reason. <see cref="ReferenceWithoutScores"/>: shared models the reference
/// has no scores for (nothing to compare). <see cref="NotImported"/>: reference models with all the
/// benchmarks that the import does not hold.
/// </summary>
public sealed record ImportComparison(IReadOnlyList<string> Agreeing, IReadOnlyList<ImportMismatch> Mismatches,
    IReadOnlyList<string> ReferenceWithoutScores, IReadOnlyList<string> NotImported)
{
    public static ImportComparison Compare(ImportedSkillsTable imported, LeaderboardTable reference, IReadOnlyList<string> benchmarks)
    {
        var refIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < reference.RowCount; i++) refIndex.TryAdd(ModelKey.Of(reference.Models[i]), i);
        var cols = benchmarks.Select(reference.BenchmarkIndex).ToArray();
        var agreeing = new List<string>(); var mismatches = new List<ImportMismatch>(); var without = new List<string>();
        var importedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in imported.Rows)
        {
            importedKeys.Add(row.Model);
            if (!refIndex.TryGetValue(row.Model, out int i)) continue;
            if (cols.All(c => double.IsNaN(reference.Score(i, c)))) { without.Add(row.Model); continue; }
            var diffs = new List<string>();
            for (int k = 0; k < benchmarks.Count; k++)
            {
                double want = reference.Score(i, cols[k]), got = row.Score(benchmarks[k]);
                if (want.Equals(got)) continue;
                diffs.Add($"{benchmarks[k]}: imported {Show(got)}, reference {Show(want)}");
            }
            if (diffs.Count == 0) agreeing.Add(row.Model);
            else mismatches.Add(new ImportMismatch(row.Model, $"{string.Join("; ", diffs)} (from {row.Origin})"));
        }
        var notImported = new List<string>();
        for (int i = 0; i < reference.RowCount; i++)
            if (cols.All(c => !double.IsNaN(reference.Score(i, c))) && !importedKeys.Contains(ModelKey.Of(reference.Models[i])))
                notImported.Add(reference.Models[i]);
        return new ImportComparison(agreeing, mismatches, without, notImported);
    }

    private static string Show(double v) => double.IsNaN(v) ? "missing" : v.ToString("R", CultureInfo.InvariantCulture);
}
