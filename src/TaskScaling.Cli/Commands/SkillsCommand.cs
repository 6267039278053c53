using System.CommandLine;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills`: its subcommands.</summary>
public static class SkillsCommand
{
    public static Command Create()
    {
        var cmd = new Command("skills", "Skills commands.");
        return cmd;
    }
}
