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
}
