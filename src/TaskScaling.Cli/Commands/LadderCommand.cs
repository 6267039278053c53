using System.CommandLine;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling ladder`: its subcommands.</summary>
public static class LadderCommand
{
    public static Command Create()
    {
        var cmd = new Command("ladder", "Ladder commands.");
        return cmd;
    }
}
