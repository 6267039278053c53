namespace TaskScaling.Data.Samples;

/// <summary>
/// Repeated sampling of one model on one problem: <see cref="Samples"/> independent attempts, <see cref="Correct"/> of them
/// correct (0 ≤ c ≤ n). <see cref="Line"/> is the 1-based line of the record (0 when it has none).
/// </summary>
public sealed record SampleCount(string Model, string Problem, int Samples, int Correct, int Line = 0);

/// <summary>Every record of a sample file (or folder), with the path it came from.</summary>
public sealed record SampleFile(string Source, IReadOnlyList<SampleCount> Counts);
