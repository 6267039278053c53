namespace TaskScaling.Data.Leaderboard;

/// <summary>
/// Which CSV columns hold what. The defaults are those of the Sloth compilation <c>data_v2.csv</c>
/// (family = the variant family <c>Family2</c>, as in every experiment of the paper).
/// </summary>
public sealed record LeaderboardColumns
{
    public string Model { get; init; } = "Model";
    public string Family { get; init; } = "Family2";
    /// <summary>Parameters in billions.</summary>
    public string Parameters { get; init; } = "#Params (B)";
    /// <summary>Pre-training tokens in trillions.</summary>
    public string Tokens { get; init; } = "Pretraining Data Size (T)";
    /// <summary>FLOPs in units of 1e21; when null (or absent from the file) F = 6·S·T is computed.</summary>
    public string? Flops { get; init; } = "FLOPs (1E21)";
    /// <summary>Benchmark score columns to read (0–1 scale). Every one must exist in the file.</summary>
    public IReadOnlyList<string> Benchmarks { get; init; } = OpenLlmLeaderboard.All;

    public static LeaderboardColumns Default { get; } = new();
}
