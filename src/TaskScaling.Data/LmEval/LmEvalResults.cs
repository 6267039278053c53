namespace TaskScaling.Data.LmEval;

/// <summary>
/// What an lm-evaluation-harness run (one results file, or several runs of one model merged) holds:
/// the model, its arguments and size, the checkpoint step, and every task's metrics.
/// </summary>
public sealed record LmEvalResults
{
    /// <summary>The model: "model_name", else model_args' "pretrained", else config.model; null when none.</summary>
    public string? Model { get; init; }
    /// <summary>config.model_args as text ("k=v,k=v"; an object is written in that form).</summary>
    public string? ModelArgsText { get; init; }
    /// <summary>config.model_args as key → value (object values as their JSON text, strings unquoted).</summary>
    public required IReadOnlyDictionary<string, string> ModelArgs { get; init; }
    /// <summary>config.model_num_parameters when present and not null.</summary>
    public long? ParameterCount { get; init; }
    /// <summary>The run's time (newest of the merged runs).</summary>
    public DateTimeOffset? Date { get; init; }
    /// <summary>Training step of the checkpoint: model_args' revision=stepN, else config.model_revision, else "stepN" in the file name.</summary>
    public long? Step { get; init; }
    /// <summary>model_args' "revision" (or config.model_revision), when given.</summary>
    public string? Revision { get; init; }
    public required LmEvalLayout Layout { get; init; }
    /// <summary>Every entry of "results" (tasks and group rows), plus the older layout's aggregated "mmlu".</summary>
    public required IReadOnlyDictionary<string, LmEvalTaskResult> Tasks { get; init; }
    /// <summary>The "groups" section (current layout) and aggregated groups (older layout's "mmlu").</summary>
    public required IReadOnlyDictionary<string, LmEvalTaskResult> Groups { get; init; }
    /// <summary>Group → its subtasks ("group_subtasks"; tasks with no subtasks are left out).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> GroupSubtasks { get; init; }
    /// <summary>The files read, in the order they were merged.</summary>
    public required IReadOnlyList<string> SourceFiles { get; init; }
    /// <summary>What the reader decided that a user should know (merges, aggregation, skipped values).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>
    /// The task or group named <paramref name="task"/> (exact name, else case-insensitive). Not found →
    /// <see cref="InvalidRequestException"/> listing the tasks and groups that exist and the nearest name.
    /// </summary>
    public LmEvalTaskResult GetTask(string task)
    {
        if (TryGetTask(task, out var found)) return found;
        var names = AllNames().ToList();
        throw new InvalidRequestException(
            $"{Where()}: no task or group '{task}'{NameSuggestion.DidYouMean(task, names)}; " +
            $"tasks and groups: {NameSuggestion.List(names)}");
    }

    /// <summary>As <see cref="GetTask"/>, without throwing.</summary>
    public bool TryGetTask(string task, out LmEvalTaskResult found)
    {
        ArgumentNullException.ThrowIfNull(task);
        var name = task.Trim();
        if (Tasks.TryGetValue(name, out found!) || Groups.TryGetValue(name, out found!)) return true;
        var matches = AllNames().Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            found = Tasks.TryGetValue(matches[0], out var t) ? t : Groups[matches[0]];
            return true;
        }
        found = null!;
        return false;
    }

    /// <summary>One metric of one task, e.g. ("arc_challenge", "acc_norm").</summary>
    public LmEvalMetric GetMetric(string task, string metric) => GetTask(task).GetMetric(metric);

    /// <summary>The value of one metric of one task.</summary>
    public double GetValue(string task, string metric) => GetMetric(task, metric).Value;

    private IEnumerable<string> AllNames() => Tasks.Keys.Concat(Groups.Keys.Where(g => !Tasks.ContainsKey(g)));

    private string Where() => SourceFiles.Count == 1 ? SourceFiles[0] : $"{Model ?? "lm-eval results"} ({SourceFiles.Count} files)";
}
