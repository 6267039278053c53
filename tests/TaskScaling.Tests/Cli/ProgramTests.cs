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
    public void OutReplacesARegularFileAndRefusesAReadOnlyFileOrADeviceInOneLine()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("ts-out-").FullName;
        try
        {
            var file = Path.Combine(dir, "ladder.json");
            File.WriteAllText(file, "old");
            var (code, err) = ProgramRunner.Run("ladder", "describe", "--out", file);
            Assert.True(code == 0, err);
            Assert.StartsWith("{", File.ReadAllText(file));
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
            var written = File.ReadAllText(file);
            foreach (var (path, problem) in new[] { (file, "the file is read-only"), ("/dev/zero", "a character device, not a regular file") })
            {
                (code, err) = ProgramRunner.Run("ladder", "describe", "--out", path);
                Assert.Equal(CliRunner.UserError, code);
                Assert.Equal($"error: {path}: cannot write: {problem}", err.TrimEnd());
            }
            Assert.Equal(written, File.ReadAllText(file));
            Assert.Equal(["ladder.json"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, recursive: true); }
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
                          "13B-5T-mmlu-step1-tokens.png", "13B-5T-mmlu-step1-tokens.svg", "report.json" }, files);
            Assert.All(Directory.GetFiles(dir), f => Assert.True(new FileInfo(f).Length > 0));
            Assert.Equal(CliRunner.UserError, Program.Run(["ladder", "step1", "--target", "13B-5T", "--tasks", "mmlu", "--plot", dir]));
            Assert.Equal(files, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
