namespace TaskScaling.Data.Leaderboard;

/// <summary>The benchmark columns of the Open LLM Leaderboard (v1 and v2) as the Sloth table <c>data_v2.csv</c> names them.</summary>
public static class OpenLlmLeaderboard
{
    /// <summary>Open LLM Leaderboard v1.</summary>
    public static IReadOnlyList<string> V1 { get; } = ["MMLU", "ARC", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K"];
    /// <summary>Open LLM Leaderboard v2 (raw accuracies).</summary>
    public static IReadOnlyList<string> V2 { get; } = ["IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"];
    /// <summary>v1 then v2.</summary>
    public static IReadOnlyList<string> All { get; } = [.. V1, .. V2];
}
