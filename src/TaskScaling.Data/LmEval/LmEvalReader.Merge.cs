using System.Globalization;

namespace TaskScaling.Data.LmEval;

// Merging the runs of one model: a task measured twice keeps the newer run's result.
public static partial class LmEvalReader
{
    /// <summary>
    /// Merges runs of one model: every task and group is taken from the run with the newest date that has
    /// it (ties: the later run in the list), and each such choice is noted.
    /// </summary>
    public static LmEvalResults Merge(IReadOnlyList<LmEvalResults> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("nothing to merge", nameof(runs));
        if (runs.Count == 1) return runs[0];
        // Oldest first; a stable sort keeps the given order among equal dates.
        var ordered = runs.Select((r, i) => (Run: r, Index: i))
            .OrderBy(x => x.Run.Date ?? DateTimeOffset.MinValue).ThenBy(x => x.Index)
            .Select(x => x.Run).ToList();
        var newest = ordered[^1];
        var notes = new List<string>();
        foreach (var r in ordered) notes.AddRange(r.Notes);
        notes.Add($"merged {ordered.Count} runs of {newest.Model ?? "an unnamed model"}: {string.Join(", ", ordered.SelectMany(r => r.SourceFiles))}");

        var tasks = MergeEntries(ordered, r => r.Tasks, "task", notes);
        var groups = MergeEntries(ordered, r => r.Groups, "group", notes);
        var subtasks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var r in ordered)
            foreach (var (g, list) in r.GroupSubtasks) subtasks[g] = list;

        var counts = ordered.Where(r => r.ParameterCount is not null).Select(r => r.ParameterCount!.Value).Distinct().ToList();
        if (counts.Count > 1)
            notes.Add($"the runs give different parameter counts ({string.Join(", ", counts)}); kept the newest run's");
        if (ordered.Select(r => r.Layout).Distinct().Count() > 1)
            notes.Add("the runs mix the current and the older lm-eval layout");

        return newest with
        {
            ParameterCount = ordered.LastOrDefault(r => r.ParameterCount is not null)?.ParameterCount,
            Revision = ordered.LastOrDefault(r => r.Revision is not null)?.Revision,
            Tasks = tasks,
            Groups = groups,
            GroupSubtasks = subtasks,
            SourceFiles = ordered.SelectMany(r => r.SourceFiles).ToList(),
            Notes = notes,
        };
    }

    private static Dictionary<string, LmEvalTaskResult> MergeEntries(List<LmEvalResults> ordered,
        Func<LmEvalResults, IReadOnlyDictionary<string, LmEvalTaskResult>> select, string kind, List<string> notes)
    {
        var merged = new Dictionary<string, LmEvalTaskResult>(StringComparer.Ordinal);
        foreach (var run in ordered)
            foreach (var (name, entry) in select(run))
            {
                if (merged.TryGetValue(name, out var earlier))
                {
                    bool newer = (entry.Date ?? DateTimeOffset.MinValue) > (earlier.Date ?? DateTimeOffset.MinValue);
                    notes.Add($"{kind} '{name}' was measured twice: {earlier.SourceFile} ({FormatDate(earlier.Date)}) and " +
                              $"{entry.SourceFile} ({FormatDate(entry.Date)}); kept the latter " +
                              (newer ? "(newer date)" : "(same or unknown date: the later file)"));
                }
                merged[name] = entry;
            }
        return merged;
    }

    private static string FormatDate(DateTimeOffset? date) =>
        date?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "no date";
}
