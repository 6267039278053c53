namespace TaskScaling.Ladder;

/// <summary>How the tokens D seen by a checkpoint (row) are read from a run file.</summary>
public enum TokenSource
{
    /// <summary>The tokens column when the file has it, else step × batch size (the paper's rule).</summary>
    Auto,
    /// <summary>The tokens column only.</summary>
    Column,
    /// <summary>Step column × batch-size column.</summary>
    StepTimesBatch,
    /// <summary>A fixed number for every row (e.g. a target whose file has no token count).</summary>
    Fixed,
}

/// <summary>Where D comes from; the defaults are the W&amp;B column names of the paper's runs.</summary>
public sealed record TokenSpec
{
    public TokenSource Source { get; init; } = TokenSource.Auto;
    public string Column { get; init; } = "throughput/total_tokens";
    public string StepColumn { get; init; } = "_step";
    public string BatchColumn { get; init; } = "batch_size_in_tokens";
    /// <summary>The value when <see cref="Source"/> is <see cref="TokenSource.Fixed"/>.</summary>
    public double? Value { get; init; }

    public static TokenSpec Auto { get; } = new();
}
