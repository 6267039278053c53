using TaskScaling.Cli;

namespace TaskScaling.Tests.Cli;

/// <summary>Runs the `taskscaling` command in process, capturing standard error. Use from the "Console" collection only.</summary>
internal static class ProgramRunner
{
    public static (int Code, string Err) Run(params string[] args)
    {
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { return (Program.Run(args), err.ToString()); }
        finally { Console.SetError(old); }
    }

    /// <summary>Runs with standard output captured too.</summary>
    public static (int Code, string Out, string Err) RunCapturing(params string[] args)
    {
        var output = new StringWriter();
        var old = Console.Out;
        Console.SetOut(output);
        try
        {
            var (code, err) = Run(args);
            return (code, output.ToString(), err);
        }
        finally { Console.SetOut(old); }
    }
}
