namespace TaskScaling.Numerics;

/// <summary>
/// Loops over independent fits run at most one worker per core. Nested loops (tasks → bootstrap resamples →
/// multi-start fits) on the default thread pool otherwise grew it to about 100 threads on a 2-core machine, each
/// holding its own fit buffers: no faster, and much more memory. Results are gathered by index, so the bound never
/// changes a number.
/// </summary>
internal static class Parallelism
{
    public static ParallelOptions PerCore { get; } = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
