namespace TaskScaling.Data.LmEval;

/// <summary>Options for <see cref="LmEvalReader"/>.</summary>
public sealed record LmEvalReadOptions
{
    public MmluAggregation LegacyMmlu { get; init; } = MmluAggregation.UnweightedMean;
    public static LmEvalReadOptions Default { get; } = new();
}
