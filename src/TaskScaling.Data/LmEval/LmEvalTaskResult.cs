namespace TaskScaling.Data.LmEval;

/// <summary>
/// The results of one task (or group) in an lm-evaluation-harness results file.
/// </summary>
public sealed record LmEvalTaskResult
{
    public required string Name { get; init; }
    /// <summary>lm-eval's display alias, when given.</summary>
    public string? Alias { get; init; }
    /// <summary>Metrics by key (see <see cref="LmEvalMetric.Key"/>), in file order.</summary>
    public required IReadOnlyDictionary<string, LmEvalMetric> Metrics { get; init; }
    /// <summary>True for a group (an aggregate of subtasks), e.g. "mmlu".</summary>
    public bool IsGroup { get; init; }
    /// <summary>Number of few-shot examples ("n-shot", or the older layout's config.num_fewshot).</summary>
    public int? FewShot { get; init; }
    /// <summary>Number of evaluated documents ("n-samples" → effective), when given.</summary>
    public long? SampleCount { get; init; }
    /// <summary>The task version ("versions"), as text.</summary>
    public string? Version { get; init; }
    /// <summary>The file the result was read from.</summary>
    public required string SourceFile { get; init; }
    /// <summary>When the file's run was made (its "date", else the time stamp in its name).</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>
    /// The metric named <paramref name="metric"/>: "acc", "acc,none" and a key such as
    /// "exact_match,strict-match" are all accepted. A bare name that only exists under other filters
    /// resolves when exactly one filter has it. Not found → <see cref="InvalidRequestException"/> listing
    /// the metrics that exist and the nearest name.
    /// </summary>
    public LmEvalMetric GetMetric(string metric)
    {
        if (TryGetMetric(metric, out var found)) return found;
        throw new InvalidRequestException(
            $"{SourceFile}: task '{Name}' has no metric '{metric}'{NameSuggestion.DidYouMean(metric, Metrics.Keys)}; " +
            $"its metrics: {NameSuggestion.List(Metrics.Keys)}");
    }

    /// <summary>As <see cref="GetMetric"/>, without throwing.</summary>
    public bool TryGetMetric(string metric, out LmEvalMetric found)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var key = metric.Trim();
        if (key.EndsWith(",none", StringComparison.Ordinal)) key = key[..^",none".Length];
        if (Metrics.TryGetValue(key, out found!)) return true;
        if (!key.Contains(','))
        {
            var byName = Metrics.Values.Where(m => m.Name == key).ToList();
            if (byName.Count == 1) { found = byName[0]; return true; }
        }
        found = null!;
        return false;
    }
}
