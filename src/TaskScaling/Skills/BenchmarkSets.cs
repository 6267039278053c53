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

    /// <summary>
    /// A chosen subset of the twelve, in the given order (names matched case-insensitively, returned as spelled in
    /// <see cref="All"/>). An unknown name is an error with the nearest benchmark; a name given twice, or none, too.
    /// </summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var chosen = new List<string>();
        foreach (var raw in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var name = All.FirstOrDefault(b => string.Equals(b, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidRequestException($"unknown benchmark '{raw}' (did you mean '{Data.LmEval.NameSuggestion.Nearest(raw, All)}'?); " +
                    $"the benchmarks are: {string.Join(", ", All)}");
            if (chosen.Contains(name)) throw new InvalidRequestException($"benchmark '{name}' is given twice");
            chosen.Add(name);
        }
        return chosen.Count > 0 ? chosen : throw new InvalidRequestException("no benchmark given");
    }
}
