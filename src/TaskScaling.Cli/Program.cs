using System.CommandLine;
using TaskScaling.Cli.Commands;

namespace TaskScaling.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Builds the command tree; every command is one file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("TaskScaling: predict downstream task performance of large language models from small experiments.");
        root.Subcommands.Add(NistCommand.Create());
        root.Subcommands.Add(LadderCommand.Create());
        root.Subcommands.Add(SkillsCommand.Create());
        return root;
    }

    public static int Run(string[] args) => BuildRoot().Parse(args).Invoke();
}
