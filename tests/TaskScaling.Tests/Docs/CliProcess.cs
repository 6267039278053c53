using System.Diagnostics;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Docs;

/// <summary>
/// Runs `taskscaling ARGS` as its own process (`dotnet TaskScaling.Cli.dll`, copied beside the tests) in a given
/// folder: relative paths of a documented command then mean what they mean for the reader, without changing the
/// test process's working directory. The data folder is the one the CLI finds (<see cref="DataLocation.Resolve"/>),
/// passed as TASKSCALING_DATA; arguments starting with ../shared/data (the README's data folder, seen from the
/// repository root) are rewritten to it.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string DataRoot { get; } = DataLocation.Resolve();

    public static (int Code, string Out, string Err) Run(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TaskScaling.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(MapData(a));
        start.Environment[DataLocation.EnvironmentVariable] = DataRoot;
        // A short-lived process gains nothing from profile-guided re-JIT; without it each command starts ~15% faster.
        start.Environment["DOTNET_TieredPGO"] = "0";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, stdout.Result, $"timed out after {Timeout.TotalSeconds} s\n{stderr.Result}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string MapData(string arg)
    {
        const string prefix = "../shared/data";
        return arg == prefix || arg.StartsWith(prefix + "/", StringComparison.Ordinal) ? DataRoot + arg[prefix.Length..] : arg;
    }
}
