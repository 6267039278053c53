namespace TaskScaling;

/// <summary>
/// Counts finished units of work from any thread and reports (done, total) to a request's progress callback (the
/// library draws nothing: the caller decides how progress shows). The total grows as each stage learns its size.
/// </summary>
internal sealed class ProgressCounter(Action<int, int>? report)
{
    private int _done, _total;

    /// <summary>Announces <paramref name="units"/> more units of work.</summary>
    public void Expect(int units)
    {
        if (report is null) return;
        int total = Interlocked.Add(ref _total, units);
        report(Volatile.Read(ref _done), total);
    }

    /// <summary>Marks <paramref name="units"/> units finished.</summary>
    public void Done(int units = 1)
    {
        if (report is null) return;
        int done = Interlocked.Add(ref _done, units);
        report(done, Volatile.Read(ref _total));
    }
}
