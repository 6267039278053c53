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
}
