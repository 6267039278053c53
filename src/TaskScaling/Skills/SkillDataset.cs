using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>
/// Complete-case rows of a leaderboard for one benchmark set: every row has S, T, F and all the set's
/// scores. Rows are ordered by (family, S) ascending, stable (spec §6.2 step 1). <see cref="FamilyNames"/>
/// is the sorted (ordinal) list of families present; <see cref="FamilyIndex"/> points into it.
/// </summary>
internal sealed class SkillDataset
{
    public required IReadOnlyList<string> Benchmarks { get; init; }
    /// <summary>Lower bound c_j of each benchmark.</summary>
    public required double[] LowerBounds { get; init; }
    public required string[] Models { get; init; }
    public required string[] Families { get; init; }
    public required double[] Parameters { get; init; }
    public required double[] Tokens { get; init; }
    public required double[] Flops { get; init; }
    /// <summary>Scores, n×J.</summary>
    public required double[,] Scores { get; init; }
    public required IReadOnlyList<string> FamilyNames { get; init; }
    public required int[] FamilyIndex { get; init; }

    public int Count => Models.Length;
    public int BenchmarkCount => Benchmarks.Count;

    /// <summary>
    /// Spec §6.2: keep complete cases (S, T, F and all benchmarks present), sort by (family, S), drop families
    /// with fewer than <paramref name="minModels"/> rows. <paramref name="minModels"/> = 1 keeps every family.
    /// </summary>
    public static SkillDataset Prepare(LeaderboardTable table, IReadOnlyList<string> benchmarks, int minModels = 1,
        LowerBounds? lowerBounds = null)
    {
        if (benchmarks.Count == 0) throw new InvalidRequestException("no benchmarks given");
        var cols = benchmarks.Select(table.BenchmarkIndex).ToArray();
        var keep = new List<int>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (!(double.IsFinite(table.Parameters[i]) && double.IsFinite(table.Tokens[i]) && double.IsFinite(table.Flops[i]))) continue;
            bool ok = true;
            foreach (var c in cols) if (double.IsNaN(table.Score(i, c))) { ok = false; break; }
            if (ok) keep.Add(i);
        }
        // Stable sort by (family ordinal, S).
        var order = keep.Select((row, pos) => (row, pos))
            .OrderBy(t => table.Families[t.row], StringComparer.Ordinal)
            .ThenBy(t => table.Parameters[t.row])
            .ThenBy(t => t.pos)
            .Select(t => t.row).ToList();
        var counts = order.GroupBy(r => table.Families[r]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        order = order.Where(r => counts[table.Families[r]] >= minModels).ToList();
        return FromRows(table, order, benchmarks, cols, lowerBounds ?? TaskScaling.Skills.LowerBounds.Default);
    }

    private static SkillDataset FromRows(LeaderboardTable table, List<int> rows, IReadOnlyList<string> benchmarks, int[] cols, LowerBounds lb)
    {
        int n = rows.Count, m = cols.Length;
        var y = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) y[i, j] = table.Score(rows[i], cols[j]);
        var fams = rows.Select(r => table.Families[r]).ToArray();
        var names = fams.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var index = names.Select((f, k) => (f, k)).ToDictionary(t => t.f, t => t.k, StringComparer.Ordinal);
        return new SkillDataset
        {
            Benchmarks = benchmarks.ToArray(),
            LowerBounds = lb.For(benchmarks),
            Models = rows.Select(r => table.Models[r]).ToArray(),
            Families = fams,
            Parameters = rows.Select(r => table.Parameters[r]).ToArray(),
            Tokens = rows.Select(r => table.Tokens[r]).ToArray(),
            Flops = rows.Select(r => table.Flops[r]).ToArray(),
            Scores = y,
            FamilyNames = names,
            FamilyIndex = fams.Select(f => index[f]).ToArray(),
        };
    }

    /// <summary>Rows of one family, in data order (ascending S).</summary>
    public int[] RowsOf(string family)
    {
        var list = new List<int>();
        for (int i = 0; i < Count; i++) if (Families[i] == family) list.Add(i);
        return list.ToArray();
    }

    /// <summary>Scores of the given rows (m×J).</summary>
    public double[,] ScoresOf(IReadOnlyList<int> rows)
    {
        var y = new double[rows.Count, BenchmarkCount];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < BenchmarkCount; j++) y[i, j] = Scores[rows[i], j];
        return y;
    }
}
