namespace TaskScaling.Data.Runs;

/// <summary>How <see cref="RunHistory.Load(string, WandbReadOptions)"/> reads a W&amp;B run-history CSV.</summary>
public sealed record WandbReadOptions
{
    /// <summary>The column that orders the rows (the training step); a file without it is taken in file order,
    /// and its tokens must then grow down the file.</summary>
    public string StepColumn { get; init; } = TokenSpec.Auto.StepColumn;

    /// <summary>The columns to keep (the others are dropped while reading, so a wide file costs the memory of the
    /// columns used); null keeps every column. The step column is always kept.</summary>
    public IReadOnlySet<string>? Columns { get; init; }

    public static WandbReadOptions Default { get; } = new();
}
