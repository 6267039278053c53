namespace TaskScaling.Data.Runs;

/// <summary>How the tokens D seen by a checkpoint (row) are read from a run's file(s).</summary>
public enum TokenSource
{
    /// <summary>W&amp;B: the tokens column when the file has it, else step × batch size (the paper's rule).
    /// lm-eval: step × <see cref="TokenSpec.TokensPerStep"/>.</summary>
    Auto,
    /// <summary>The tokens column only (W&amp;B).</summary>
    Column,
    /// <summary>Step × batch size: W&amp;B step column × batch-size column (or × <see cref="TokenSpec.TokensPerStep"/>
    /// when given); lm-eval: the checkpoint's step (file name, or model_args revision=stepN) × tokens per step.</summary>
    StepTimesBatch,
    /// <summary>A fixed number for every row (e.g. a target with one checkpoint whose file has no token count).</summary>
    Fixed,
    /// <summary>lm-eval: D given per checkpoint in <see cref="TokenSpec.Checkpoints"/>.</summary>
    PerCheckpoint,
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
    /// <summary>Tokens per training step (the batch size in tokens): D = step × this.</summary>
    public double? TokensPerStep { get; init; }
    /// <summary><see cref="TokenSource.PerCheckpoint"/>: D per checkpoint, keyed by the checkpoint's file (its path
    /// relative to the run's folder, or its file name) or its step ("step1000"); null = not filled in.</summary>
    public IReadOnlyDictionary<string, double?>? Checkpoints { get; init; }

    public static TokenSpec Auto { get; } = new();
}
