using System.CommandLine;
using TaskScaling.Cli.Commands;

namespace TaskScaling.Tests.Cli;

/// <summary>
/// Runs `ladder report` / `skills report` through their command objects (a root of their own, so the tests do
/// not depend on where Program registers them), capturing stderr. Use from the "Console" collection only.
/// </summary>
internal static class ReportCliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        var ladder = new Command("ladder");
        ladder.Subcommands.Add(LadderReportCommand.Create());
        var skills = new Command("skills");
        skills.Subcommands.Add(SkillsReportCommand.Create());
        root.Subcommands.Add(ladder);
        root.Subcommands.Add(skills);
        var err = new StringWriter();
        var output = new StringWriter();
        var (oldErr, oldOut) = (Console.Error, Console.Out);
        Console.SetError(err);
        Console.SetOut(output);
        try { return (root.Parse(args).Invoke(), output.ToString(), err.ToString()); }
        finally { Console.SetError(oldErr); Console.SetOut(oldOut); }
    }
}
