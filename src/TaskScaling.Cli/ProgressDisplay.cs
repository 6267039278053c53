using Spectre.Console;

namespace TaskScaling.Cli;

/// <summary>
/// A progress bar for the slow commands, on a terminal only: when standard output or standard error is redirected
/// (pipes, files, tests) or the console is not interactive, the work runs without a callback and nothing is drawn.
/// The library reports (done, total) through its request's Progress callback; the bar is cleared when the work ends.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>True when a bar may be drawn.</summary>
    public static bool OnTerminal => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a progress callback (null when not on a terminal) and returns its result.</summary>
    /// <param name="what">What the bar counts, e.g. "bootstrap refits".</param>
    public static T Run<T>(string what, Func<Action<int, int>?, T> work)
    {
        if (!OnTerminal) return work(null);
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(what).IsIndeterminate();
                var gate = new object();
                result = work((done, total) =>
                {
                    // Callbacks come from worker threads, not in order: keep the largest count seen.
                    lock (gate)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = Math.Max(task.Value, done);
                    }
                });
            });
        return result;
    }
}
