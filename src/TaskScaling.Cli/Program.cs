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
        HelpExamples.Install(root);
        return root;
    }

    private static Option<OutputFormat>? FormatOption(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<OutputFormat>>().FirstOrDefault(o => o.Name == "--format");

    /// <summary>Parses and runs; a command line that does not parse is a user mistake (exit code 2).</summary>
    public static int Run(string[] args)
    {
        try
        {
            var parse = BuildRoot().Parse(args);
            // JSON errors for the commands with --format, asked for by the words (the line may not parse).
            CliRunner.JsonErrors = FormatOption(parse) is not null && OutputFormats.WantsJson(args);
            if (parse.Errors.Count > 0 && !HelpExamples.IsHelp(parse))
            {
                // One line: the parser's messages, then where the usage is.
                return CliRunner.Error(new InvalidRequestException(string.Join("; ", parse.Errors.Select(e => e.Message)) + " (run with --help for usage)"));
            }
            // --out FILE.json / FILE.csv chooses the format; a contradicting --format is refused.
            string[]? inferred;
            try { inferred = OutputFormats.Infer(parse, args); }
            catch (InvalidRequestException e) { return CliRunner.Error(e); }
            if (inferred is not null) parse = BuildRoot().Parse(inferred);
            CliRunner.JsonErrors = FormatOption(parse) is { } format && parse.GetValue(format) == OutputFormat.Json;
            if (FormatOption(parse) is { } table && parse.GetValue(table) == OutputFormat.Table && parse.Errors.Count == 0) TableWarmUp.Start();
            return parse.Invoke();
        }
        finally
        {
            CliRunner.JsonErrors = false;
        }
    }
}
