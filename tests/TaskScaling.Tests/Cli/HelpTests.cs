using System.CommandLine;
using TaskScaling.Cli;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>Every help names the command as users type it and carries an example.</summary>
[Collection("Console")]
public sealed class HelpTests
{
    private static IEnumerable<Command> All(Command c) => [c, .. c.Subcommands.SelectMany(All)];

    [Fact]
    public void EveryCommandHasAnExampleAndNoOtherIsListed()
    {
        var paths = All(Program.BuildRoot()).Select(HelpExamples.PathOf).ToHashSet();
        Assert.Empty(paths.Except(HelpExamples.ByCommand.Keys));
        Assert.Empty(HelpExamples.ByCommand.Keys.Except(paths));
        // Each example is a command line of its own command.
        Assert.All(HelpExamples.ByCommand, kv => Assert.StartsWith(("taskscaling " + kv.Key).TrimEnd(), kv.Value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ladder", "predict")]
    [InlineData("skills", "import")]
    [InlineData("nist")]
    public void HelpSaysTaskscalingAndShowsTheExample(params string[] command)
    {
        var (code, output, _) = RunCapturing([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("taskscaling " + string.Join(' ', command) + " [options]", output);
        Assert.DoesNotContain("TaskScaling.Cli", output);
        Assert.Contains("Example:\n  " + HelpExamples.ByCommand[string.Join(' ', command)], output.ReplaceLineEndings("\n"));
    }
}
