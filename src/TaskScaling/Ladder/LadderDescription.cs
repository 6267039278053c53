namespace TaskScaling.Ladder;

/// <summary>
/// Everything the ladder method needs to know about a user's ladder: the runs (ladder and targets), the
/// tasks, and a few column names. Written as JSON by the user (see <c>Data.Ladder.LadderDescriptionFile</c>)
/// or the built-in paper setup (<c>Data.Ladder.PaperLadder</c>).
/// </summary>
public sealed record LadderDescription
{
    public string Name { get; init; } = "ladder";
    public required IReadOnlyList<LadderRun> Runs { get; init; }
    public required IReadOnlyList<LadderTask> Tasks { get; init; }
    /// <summary>Tasks predicted when the user names none (default: all).</summary>
    public IReadOnlyList<string> DefaultTasks { get; init; } = [];
    /// <summary>The C4 validation loss column (the "c4" intermediate feature).</summary>
    public string C4LossColumn { get; init; } = "eval/c4_en-validation/CrossEntropyLoss";
    /// <summary>Transform of <see cref="C4LossColumn"/> (e.g. log of an lm-eval perplexity).</summary>
    public FeatureTransform C4LossTransform { get; init; } = FeatureTransform.Identity;
    /// <summary>The run whose last checkpoints the variance analysis examines.</summary>
    public string? VarianceRun { get; init; }
    /// <summary>Step-1 points per ladder run, for ladders of one run per size with intermediate checkpoints
    /// (<see cref="LadderSettings.Step1Checkpoints"/>); a request's own value wins. Null = 1.</summary>
    public int? Step1Checkpoints { get; init; }
    /// <summary>Tasks of the variance analysis (default: all).</summary>
    public IReadOnlyList<string> VarianceTasks { get; init; } = [];
    /// <summary>The target of the variance and compute-vs-error analyses (default: the first target).</summary>
    public string? AnalysisTarget { get; init; }
    /// <summary>What <c>ladder init</c> could not infer, for the user to fill in (informative: reading checks the
    /// fields themselves and refuses a description with any left null).</summary>
    public IReadOnlyList<string>? Todo { get; init; }
    /// <summary>Folder the run files are relative to (the description file's folder); not serialised.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string BaseDirectory { get; init; } = ".";
    /// <summary>Where the description came from (for error messages); not serialised.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source { get; init; } = "ladder description";

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<LadderRun> LadderRuns => Runs.Where(r => r.Role == RunRole.Ladder);
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<LadderRun> Targets => Runs.Where(r => r.Role == RunRole.Target);

    public string ResolvePath(string file) => Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(BaseDirectory, file));

    /// <summary>A glob (lm-eval runs) made absolute without normalising its wildcards away.</summary>
    public string ResolvePattern(string pattern) => Path.IsPathRooted(pattern) ? pattern : Path.Combine(Path.GetFullPath(BaseDirectory), pattern);

    public LadderTask Task(string name) =>
        Tasks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidRequestException(
            $"{Source}: unknown task '{name}' (known: {string.Join(", ", Tasks.Select(t => t.Name))})");

    public LadderRun Run(string name) =>
        Runs.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidRequestException(
            $"{Source}: unknown run '{name}' (known: {string.Join(", ", Runs.Select(r => r.Name))})");

    public LadderRun Target(string name)
    {
        var run = Run(name);
        return run.Role == RunRole.Target ? run
            : throw new InvalidRequestException($"{Source}: run '{name}' is a ladder run, not a target");
    }
}
