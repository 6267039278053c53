namespace TaskScaling.Data.LmEval;

/// <summary>
/// One metric of one task: its value and standard error. <see cref="Name"/> is the metric as lm-eval
/// names it ("acc", "acc_norm", "perplexity", "ppl", "exact_match"); <see cref="Filter"/> is the
/// current layout's filter ("none", "strict-match", ...; null in the older layout).
/// The standard error is null when the file gives none, gives null, or gives the string "N/A".
/// </summary>
public sealed record LmEvalMetric(string Name, string? Filter, double Value, double? StdErr, bool? HigherIsBetter = null)
{
    /// <summary>
    /// The key the metric is stored under in <see cref="LmEvalTaskResult.Metrics"/>: the bare name when the
    /// filter is absent or "none" ("acc"), else "name,filter" ("exact_match,strict-match").
    /// </summary>
    public string Key => KeyOf(Name, Filter);

    internal static string KeyOf(string name, string? filter) =>
        filter is null || filter == "none" ? name : $"{name},{filter}";
}
