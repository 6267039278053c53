namespace TaskScaling.Data.Leaderboard;

/// <summary>The benchmark sets of the Sloth experiments (order matters: it is the column order of every fit).</summary>
public static class BenchmarkSets
{
    /// <summary>Open LLM Leaderboard v1.</summary>
    public static IReadOnlyList<string> V1 { get; } = ["MMLU", "ARC", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K"];
    /// <summary>Open LLM Leaderboard v2 (raw accuracies).</summary>
    public static IReadOnlyList<string> V2 { get; } = ["IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"];
    /// <summary>v1 then v2.</summary>
    public static IReadOnlyList<string> All { get; } = [.. V1, .. V2];

    /// <summary>"v1", "v2" or "all" (also "v1+v2").</summary>
    public static IReadOnlyList<string> ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "v1" => V1,
        "v2" => V2,
        "all" or "v1+v2" => All,
        _ => throw new InvalidRequestException($"unknown benchmark set '{name}' (expected v1, v2 or all)"),
    };
}
