using System.Text.Json;
using TaskScaling.Ladder;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`ladder predict --save-fit` and `ladder predict --fit` end to end.</summary>
[Collection("Console")]
public sealed class LadderSavedFitCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-fit-cli").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Saved_fit_gives_the_same_output_as_the_original_run_and_predicts_new_targets()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--variant", "two-step", "--tasks", "mmlu,piqa", "--save-fit", Out("fit.json"), "--format", "json", "--out", Out("a.json"));
        Assert.True(code == 0, err);
        Assert.Equal("ladder", LadderFitFile.Read(Out("fit.json")).Kind);
        (code, err) = Run("ladder", "predict", "--fit", Out("fit.json"), "--format", "json", "--out", Out("b.json"));
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(Out("a.json")), File.ReadAllText(Out("b.json")));

        // step1 and step2 views from the fit, and one target by name: the same text as from the data.
        foreach (var view in new[] { "step1", "step2" })
        {
            Assert.Equal(0, Run("ladder", view, "--data", _data, "--tasks", "mmlu,piqa", "--target", "13B-5T", "--format", "csv", "--out", Out($"{view}-data.csv")).Code);
            Assert.Equal(0, Run("ladder", view, "--fit", Out("fit.json"), "--target", "13B-5T", "--format", "csv", "--out", Out($"{view}-fit.csv")).Code);
            Assert.Equal(File.ReadAllText(Out($"{view}-data.csv")), File.ReadAllText(Out($"{view}-fit.csv")));
        }

        // A hypothetical target and another level: the same as fitting the data again.
        var target = new[] { "--params", "70e9", "--tokens", "15e12", "--level", "0.8", "--format", "json" };
        Assert.Equal(0, Run(["ladder", "predict", "--variant", "two-step", "--data", _data, "--tasks", "mmlu,piqa", .. target, "--out", Out("h-data.json")]).Code);
        Assert.Equal(0, Run(["ladder", "predict", "--fit", Out("fit.json"), .. target, "--out", Out("h-fit.json")]).Code);
        var h = File.ReadAllText(Out("h-fit.json"));
        Assert.Equal(File.ReadAllText(Out("h-data.json")), h);
        Assert.Equal(0.8, JsonDocument.Parse(h).RootElement.GetProperty("targets")[0].GetProperty("level").GetDouble());
    }

    [Theory]
    [InlineData("--variant", "flops")]
    [InlineData("--feature", "c4")]
    [InlineData("--ladder", "x.json")]
    [InlineData("--moving-average", "3")]
    [InlineData("--resamples", "50")]
    public void Options_the_fit_fixes_are_errors_naming_the_option(string option, string value)
    {
        var fit = Out("fit.json");
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--tasks", "piqa", "--save-fit", fit, "--out", Out("a.txt")).Code);
        var (code, err) = Run("ladder", "predict", "--fit", fit, option, value, "--out", Out("b.txt"));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {option} cannot be used with --fit", err);
        Assert.False(File.Exists(Out("b.txt")));
    }

    [Fact]
    public void Missing_fit_file_is_one_line_exit_2_and_nothing_written()
    {
        var (code, err) = Run("ladder", "predict", "--fit", Out("none.json"), "--params", "7e9", "--tokens", "4e12", "--out", Out("out.txt"));
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.Contains("none.json", err);
        Assert.Contains("not found", err);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Tampered_fit_is_an_error_and_nothing_is_written()
    {
        var fit = Out("fit.json");
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--tasks", "piqa", "--save-fit", fit, "--out", Out("a.txt")).Code);
        File.WriteAllText(fit, File.ReadAllText(fit).Replace("\"level\": 0.9", "\"level\": 0.8"));
        var (code, err) = Run("ladder", "predict", "--fit", fit, "--out", Out("b.txt"));
        Assert.Equal(2, code);
        Assert.Contains("checksum mismatch", err);
        Assert.False(File.Exists(Out("b.txt")));
    }

    [Fact]
    public void Save_fit_is_refused_for_mc_and_for_a_missing_folder_before_any_work()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--variant", "mc", "--tasks", "arc_easy", "--save-fit", Out("mc.json"), "--out", Out("mc.txt"));
        Assert.Equal(2, code);
        Assert.Contains("mc variant", err);
        (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", "piqa", "--save-fit", Path.Combine(_dir, "no", "fit.json"), "--out", Out("x.txt"));
        Assert.Equal(2, code);
        Assert.Contains("folder does not exist", err);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Bootstrap_interval_from_a_delta_fit_says_how_to_get_one()
    {
        var fit = Out("fit.json");
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--variant", "two-step", "--tasks", "piqa", "--save-fit", fit, "--out", Out("a.txt")).Code);
        var (code, err) = Run("ladder", "predict", "--fit", fit, "--interval", "bootstrap", "--out", Out("b.txt"));
        Assert.Equal(2, code);
        Assert.Contains("no bootstrap refits", err);
        // --interval none is fine.
        Assert.Equal(0, Run("ladder", "predict", "--fit", fit, "--interval", "none", "--format", "json", "--out", Out("c.json")).Code);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("c.json"))).RootElement;
        Assert.False(doc.GetProperty("targets")[0].GetProperty("tasks")[0].TryGetProperty("lower", out _));
    }
}
