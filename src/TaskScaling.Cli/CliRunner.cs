namespace TaskScaling.Cli;

/// <summary>
/// Runs a command body and maps user mistakes to a one-line message on stderr and exit code 2
/// (no stack trace). Anything else is a bug and keeps its stack trace (exit code 1). Exit codes: 0 all the requested
/// work succeeded; 2 a user error (nothing written); 3 the output was written but some of its tasks or fits failed
/// (<see cref="Outcome"/>).
/// </summary>
public static class CliRunner
{
    public const int Success = 0;
    public const int UserError = 2;
    public const int PartialFailure = 3;

    /// <summary>The exit code of a command whose output is written: <see cref="Success"/>, or <see cref="PartialFailure"/>
    /// with one line on stderr naming what failed (the output says why, per item).</summary>
    /// <param name="failed">The failed items, e.g. "13B-5T/csqa".</param>
    /// <param name="of">How many items there were, and what they are ("tasks", "fits").</param>
    public static int Outcome(IReadOnlyCollection<string> failed, int total, string of)
    {
        if (failed.Count == 0) return Success;
        const int shown = 5;
        var names = string.Join(", ", failed.Take(shown)) + (failed.Count > shown ? $", … ({failed.Count - shown} more)" : "");
        Console.Error.WriteLine($"failed: {failed.Count} of {total} {of} ({names}); the output is written, each says why (exit code {PartialFailure})");
        return PartialFailure;
    }

    public static int Execute(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DataFormatException or InvalidRequestException)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return UserError;
        }
    }

    private static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");
}
