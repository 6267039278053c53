using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>The benchmark sets of the Sloth experiments (order matters: it is the column order of every fit).</summary>
public static class BenchmarkSets
{
    /// <summary>Open LLM Leaderboard v1.</summary>
    public static IReadOnlyList<string> V1 => OpenLlmLeaderboard.V1;
    /// <summary>Open LLM Leaderboard v2 (raw accuracies).</summary>
    public static IReadOnlyList<string> V2 => OpenLlmLeaderboard.V2;
    /// <summary>v1 then v2.</summary>
    public static IReadOnlyList<string> All => OpenLlmLeaderboard.All;
    /// <summary>
    /// The same 12 in the order of the reference's interpretation notebook (spec §7, §10). The order decides which
    /// initial values each benchmark receives, so with it a seed-42 fit starts where the reference's fit starts.
    /// </summary>
    public static IReadOnlyList<string> Interpretation { get; } =
        ["GSM8K", "MATH Lvl 5", "GPQA", "MMLU", "MMLU-PRO", "BBH", "MUSR", "TruthfulQA", "ARC", "HellaSwag", "Winogrande", "IFEval"];

    /// <summary>"v1", "v2", "all" (also "v1+v2") or "interpretation".</summary>
    public static IReadOnlyList<string> ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "v1" => V1,
        "v2" => V2,
        "all" or "v1+v2" => All,
        "interpretation" => Interpretation,
        _ => throw new InvalidRequestException($"unknown benchmark set '{name}' (expected v1, v2, all or interpretation)"),
    };
}
