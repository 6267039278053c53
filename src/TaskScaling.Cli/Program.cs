using System.CommandLine;
using TaskScaling.Cli.Commands;

namespace TaskScaling.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Builds the command tree; every command is one file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("TaskScaling: predict downstream task performance of large language models from small experiments. "
            + "Exit codes: 0 all the requested work succeeded; 2 a user error (one error: line, nothing written); "
            + "3 the output was written but some tasks or fits failed.");
        root.Subcommands.Add(NistCommand.Create());
        root.Subcommands.Add(LadderCommand.Create());
        root.Subcommands.Add(SkillsCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse is a user mistake (exit code 2).</summary>
    public static int Run(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("(run with --help for usage)");
            return CliRunner.UserError;
        }
        return parse.Invoke();
    }
}
