namespace TaskScaling;

/// <summary>
/// Counts finished units of work from any thread and reports (done, total) to a request's progress callback (the
/// library draws nothing: the caller decides how progress shows). The total grows as each stage learns its size.
/// Reports are made one at a time, in order: the counts a callback sees never decrease, whichever thread calls.
/// </summary>
internal sealed class ProgressCounter(Action<int, int>? report)
{
    private readonly Lock _gate = new();
    private int _done, _total;

    /// <summary>Announces <paramref name="units"/> more units of work.</summary>
    public void Expect(int units)
    {
        if (report is null) return;
        lock (_gate)
        {
            _total += units;
            report(_done, _total);
        }
    }

    /// <summary>Marks <paramref name="units"/> units finished.</summary>
    public void Done(int units = 1)
    {
        if (report is null) return;
        lock (_gate)
        {
            _done += units;
            report(_done, _total);
        }
    }
}
