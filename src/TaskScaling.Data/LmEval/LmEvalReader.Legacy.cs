using System.Text.Json;

namespace TaskScaling.Data.LmEval;

// The older (v0.3) layout: telling it from the current one, and its MMLU subjects aggregated to "mmlu".
public static partial class LmEvalReader
{
    private const string LegacyMmluPrefix = "hendrycksTest-";

    // Current layout when any results key has the "metric,filter" form or the file has the sections that
    // only v0.4+ writes; otherwise the older layout.
    private static LmEvalLayout DetectLayout(JsonElement root, JsonElement results)
    {
        foreach (var task in results.EnumerateObject())
            if (task.Value.ValueKind == JsonValueKind.Object)
                foreach (var p in task.Value.EnumerateObject())
                    if (p.Name.Contains(',')) return LmEvalLayout.Current;
        foreach (var key in new[] { "group_subtasks", "n-shot", "higher_is_better", "configs", "n-samples" })
            if (root.TryGetProperty(key, out _)) return LmEvalLayout.Current;
        return LmEvalLayout.Legacy;
    }

    // Older layout: the 57 MMLU subjects are separate tasks "hendrycksTest-<subject>". Their unweighted mean
    // (per metric, over the subjects that have it) becomes the group "mmlu"; se = sqrt(Σ se_i²)/m.
    private static void AggregateLegacyMmlu(Dictionary<string, LmEvalTaskResult> tasks,
        Dictionary<string, LmEvalTaskResult> groups, Dictionary<string, IReadOnlyList<string>> subtasks,
        string source, DateTimeOffset? date, int? fewShot, List<string> notes)
    {
        var subjects = tasks.Keys.Where(k => k.StartsWith(LegacyMmluPrefix, StringComparison.Ordinal))
            .OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (subjects.Count == 0) return;
        if (tasks.ContainsKey("mmlu"))
        {
            notes.Add($"{source}: has both 'mmlu' and {subjects.Count} hendrycksTest-* subjects; the subjects were not aggregated");
            return;
        }
        var metricKeys = subjects.SelectMany(s => tasks[s].Metrics.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var metrics = new Dictionary<string, LmEvalMetric>(StringComparer.Ordinal);
        foreach (var key in metricKeys)
        {
            var have = subjects.Where(s => tasks[s].Metrics.ContainsKey(key)).Select(s => tasks[s].Metrics[key]).ToList();
            double mean = have.Sum(m => m.Value) / have.Count;
            double? se = have.All(m => m.StdErr is not null)
                ? Math.Sqrt(have.Sum(m => m.StdErr!.Value * m.StdErr.Value)) / have.Count
                : null;
            metrics[key] = new LmEvalMetric(have[0].Name, have[0].Filter, mean, se);
            if (have.Count != subjects.Count)
                notes.Add($"{source}: mmlu '{key}' averages the {have.Count} of {subjects.Count} subjects that report it");
        }
        var mmlu = new LmEvalTaskResult
        {
            Name = "mmlu", Alias = "mmlu", Metrics = metrics, IsGroup = true, FewShot = fewShot,
            SourceFile = source, Date = date,
        };
        tasks["mmlu"] = mmlu;
        groups["mmlu"] = mmlu;
        subtasks["mmlu"] = subjects;
        notes.Add($"{source}: 'mmlu' is the unweighted mean of {subjects.Count} hendrycksTest-* subjects" +
                  (subjects.Count == 57 ? "" : " (the full benchmark has 57)"));
    }
}
