using TaskScaling.Cli;

namespace TaskScaling.Tests.Cli;

[Collection("Console")]
public class ProgramTests
{
    [Theory]
    [InlineData("ladder", "predict", "--variant", "foo")]
    [InlineData("ladder", "predict", "--params", "abc")]
    [InlineData("nosuchcommand")]
    public void ArgumentsThatDoNotParseExitWithTwoAndOneErrorLine(params string[] args)
    {
        var err = new StringWriter();
        var oldErr = Console.Error;
        Console.SetError(err);
        try
        {
            Assert.Equal(CliRunner.UserError, Program.Run(args));
        }
        finally { Console.SetError(oldErr); }
        Assert.StartsWith("error: ", err.ToString());
        Assert.DoesNotContain("   at ", err.ToString());
    }

    [Fact]
    public void LadderStep1PlotWritesThatStepsFiguresAndRefusesANonEmptyFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ts-plot-{Guid.NewGuid():N}");
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        Console.SetOut(new StringWriter());
        Console.SetError(new StringWriter());
        try
        {
            Assert.Equal(0, Program.Run(["ladder", "step1", "--target", "13B-5T", "--tasks", "mmlu", "--plot", dir]));
            var files = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "13B-5T-mmlu-step1-compute.png", "13B-5T-mmlu-step1-compute.svg",
                          "13B-5T-mmlu-step1-tokens.png", "13B-5T-mmlu-step1-tokens.svg" }, files);
            Assert.All(Directory.GetFiles(dir), f => Assert.True(new FileInfo(f).Length > 0));
            Assert.Equal(CliRunner.UserError, Program.Run(["ladder", "step1", "--target", "13B-5T", "--tasks", "mmlu", "--plot", dir]));
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
