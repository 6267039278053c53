namespace TaskScaling.Data.Leaderboard;

/// <summary>
/// A leaderboard: one row per model with its family, size S (billions of parameters), pre-training
/// tokens T (trillions), FLOPs F (1e21) and benchmark scores on the 0–1 scale. Missing values are NaN.
/// </summary>
public sealed class LeaderboardTable
{
    public string Source { get; }
    public IReadOnlyList<string> Models { get; }
    public IReadOnlyList<string> Families { get; }
    public IReadOnlyList<double> Parameters { get; }
    public IReadOnlyList<double> Tokens { get; }
    public IReadOnlyList<double> Flops { get; }
    public IReadOnlyList<string> Benchmarks { get; }
    /// <summary>1-based file line of each row (for messages).</summary>
    public IReadOnlyList<int> Lines { get; }
    private readonly double[,] _scores;

    public LeaderboardTable(string source, IReadOnlyList<string> models, IReadOnlyList<string> families,
        IReadOnlyList<double> parameters, IReadOnlyList<double> tokens, IReadOnlyList<double> flops,
        IReadOnlyList<string> benchmarks, double[,] scores, IReadOnlyList<int>? lines = null)
    {
        int n = models.Count;
        if (families.Count != n || parameters.Count != n || tokens.Count != n || flops.Count != n
            || scores.GetLength(0) != n || scores.GetLength(1) != benchmarks.Count)
            throw new ArgumentException("leaderboard columns differ in length");
        Source = source; Models = models; Families = families; Parameters = parameters; Tokens = tokens;
        Flops = flops; Benchmarks = benchmarks; _scores = scores;
        Lines = lines ?? Enumerable.Range(2, n).ToArray();
    }

    public int RowCount => Models.Count;

    /// <summary>Score of row <paramref name="row"/> on benchmark column <paramref name="benchmark"/> (NaN when missing).</summary>
    public double Score(int row, int benchmark) => _scores[row, benchmark];

    public int BenchmarkIndex(string name)
    {
        for (int j = 0; j < Benchmarks.Count; j++) if (Benchmarks[j] == name) return j;
        throw new InvalidRequestException($"benchmark '{name}' is not a column of {Source}");
    }

    /// <summary>
    /// The rows of several tables one after the other (e.g. the public leaderboard plus a lab's own models).
    /// They must have the same benchmark columns; a model in two tables is an error naming the second place.
    /// </summary>
    public static LeaderboardTable Concat(IReadOnlyList<LeaderboardTable> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("no tables to concatenate", nameof(tables));
        if (tables.Count == 1) return tables[0];
        var benchmarks = tables[0].Benchmarks;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var models = new List<string>(); var families = new List<string>();
        var parameters = new List<double>(); var tokens = new List<double>(); var flops = new List<double>();
        var lines = new List<int>();
        foreach (var t in tables)
        {
            if (!t.Benchmarks.SequenceEqual(benchmarks, StringComparer.Ordinal))
                throw new InvalidRequestException($"{t.Source} has benchmark columns [{string.Join(", ", t.Benchmarks)}], " +
                    $"{tables[0].Source} has [{string.Join(", ", benchmarks)}]");
            for (int i = 0; i < t.RowCount; i++)
            {
                if (!seen.TryAdd(t.Models[i], t.Source))
                    throw new DataFormatException(t.Source, t.Lines[i], null, $"duplicate model '{t.Models[i]}' (already in {seen[t.Models[i]]})");
                models.Add(t.Models[i]); families.Add(t.Families[i]);
                parameters.Add(t.Parameters[i]); tokens.Add(t.Tokens[i]); flops.Add(t.Flops[i]);
                lines.Add(t.Lines[i]);
            }
        }
        var scores = new double[models.Count, benchmarks.Count];
        int row = 0;
        foreach (var t in tables)
            for (int i = 0; i < t.RowCount; i++, row++)
                for (int j = 0; j < benchmarks.Count; j++) scores[row, j] = t.Score(i, j);
        return new LeaderboardTable(string.Join(" + ", tables.Select(t => t.Source)), models, families, parameters, tokens, flops,
            benchmarks, scores, lines);
    }
}
