using System.Text.Json.Nodes;

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
            return Error(e);
        }
    }

    /// <summary>Set by <see cref="Program.Run"/> for the command line being run: with JSON output, errors are one JSON
    /// object on stderr (docs/output.md) instead of an `error:` line.</summary>
    internal static bool JsonErrors { get; set; }

    /// <summary>Reports a user mistake on stderr (an `error:` line, or the JSON error object) and returns exit code 2.</summary>
    internal static int Error(Exception e)
    {
        var message = OneLine(e.Message);
        if (!JsonErrors)
        {
            Console.Error.WriteLine($"error: {message}");
            return UserError;
        }
        var error = new JsonObject { ["message"] = message, ["exitCode"] = UserError };
        if (e is DataFormatException d)
        {
            error["file"] = d.File;
            error["line"] = d.Line;
            error["column"] = d.Column;
        }
        Console.Error.WriteLine(new JsonObject { ["error"] = error }.ToJsonString());
        return UserError;
    }

    private static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");
}
