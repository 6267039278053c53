namespace TaskScaling.Cli;

/// <summary>
/// Runs a command body and maps user mistakes to a one-line message on stderr and exit code 2
/// (no stack trace). Anything else is a bug and keeps its stack trace (exit code 1).
/// </summary>
public static class CliRunner
{
    public const int UserError = 2;

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
