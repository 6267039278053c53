using System.Text.Json;
using TaskScaling.Tests.Docs;

namespace TaskScaling.Tests.Cli;

/// <summary>
/// The skills commands with a progress bar draw it on a terminal only: run as their own process with standard output and
/// standard error piped (as in scripts and tests), they write their output and nothing else.
/// </summary>
public sealed class SkillsProgressCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-progress").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "skills", "fit", "--d", "1", "--set", "v2", "--format", "json" },
        new[] { "skills", "interpret", "--d", "2", "--set", "v2", "--seeds", "1", "2", "--format", "json" },
        new[] { "skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--d", "2", "--method", "pca-flops", "--format", "json" },
        new[] { "skills", "downstream", "--benchmark", "HumanEval", "--target", "meta-llama-3-70b", "--bootstrap", "5", "--format", "json" },
        new[] { "skills", "backtest", "--family", "qwen2", "--set", "v2", "--method", "pca-flops", "--d", "2", "--format", "json" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void On_a_pipe_a_command_writes_its_output_and_nothing_on_standard_error(string[] args)
    {
        var (code, stdout, stderr) = CliProcess.Run(_dir, args);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        // Standard output is the JSON document alone: no bar, no escape sequences around it.
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(stdout).RootElement.ValueKind);
    }

    [Fact]
    public void Test_time_on_a_pipe_writes_its_files_and_nothing_on_standard_error()
    {
        string[] common = ["--held-out", "gemma-7b,meta-llama-3-70b-instruct,pythia-12b", "--exclude", "gemma-7b-it,meta-llama-3-70b", "--seeds", "1"];
        var (code, stdout, stderr) = CliProcess.Run(_dir, ["skills", "test-time", "--generate", "samples.csv", .. common]);
        Assert.True(code == 0, stderr);
        Assert.Equal(("", ""), (stdout, stderr));
        Assert.StartsWith("model,problem,n,correct", File.ReadAllText(Path.Combine(_dir, "samples.csv")));
        (code, stdout, stderr) = CliProcess.Run(_dir, ["skills", "test-time", "--samples", "samples.csv", .. common, "--format", "csv"]);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        Assert.StartsWith("model,k,predicted,actual,absoluteError", stdout);
    }
}
