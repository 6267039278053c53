using System.Text.Json;
using TaskScaling.Ladder;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>The `taskscaling ladder` commands end to end (exit codes, output files, error lines).</summary>
[Collection("Console")]
public sealed class LadderCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-cli").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void PredictWithoutTargetPredictsBothPaperTargetsAsJson()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--format", "json", "--out", Out("both.json"));
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("both.json"))).RootElement.GetProperty("targets");
        Assert.Equal(JsonValueKind.Array, doc.ValueKind);
        Assert.Equal(["7B-4T", "13B-5T"], doc.EnumerateArray().Select(t => t.GetProperty("target").GetString()));
        var t13 = doc[1];
        Assert.Equal(13_202_396_160, t13.GetProperty("params").GetDouble());
        Assert.Equal(5_000_088_518_656, t13.GetProperty("tokens").GetDouble());
        var tasks = t13.GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(8, tasks.Length);
        var mmlu = tasks[0];
        Assert.Equal("mmlu", mmlu.GetProperty("task").GetString());
        Assert.InRange(mmlu.GetProperty("predicted").GetDouble(), 0.5077, 0.5177);   // the paper's 51.27 ± 0.5 points, as a fraction
        Assert.InRange(mmlu.GetProperty("actual").GetDouble(), 0.5160, 0.5162);
        Assert.True(mmlu.GetProperty("lower").GetDouble() < mmlu.GetProperty("predicted").GetDouble());
        Assert.True(mmlu.GetProperty("upper").GetDouble() > mmlu.GetProperty("predicted").GetDouble());
        Assert.InRange(mmlu.GetProperty("predictedLoss").GetDouble(), 0.7427, 0.7577);
        Assert.True(mmlu.TryGetProperty("actualLoss", out _));
    }

    [Fact]
    public void SingleTargetJsonHasTheSameShapeAndTableAndCsvWork()
    {
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu,piqa", "--format", "json", "--out", Out("one.json")).Code);
        var doc = Assert.Single(JsonDocument.Parse(File.ReadAllText(Out("one.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("13B-5T", doc.GetProperty("target").GetString());
        Assert.Equal(["mmlu", "piqa"], doc.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task").GetString()));

        Assert.Equal(0, Run("ladder", "step1", "--data", _data, "--target", "13B-5T", "--out", Out("t.txt")).Code);
        var table = File.ReadAllText(Out("t.txt"));
        Assert.Contains("0.7502", table);   // MMLU step-1 loss
        Assert.Contains("HellaSwag", table);

        Assert.Equal(0, Run("ladder", "step2", "--data", _data, "--target", "13B-5T", "--format", "csv", "--out", Out("s2.csv")).Code);
        var lines = File.ReadAllLines(Out("s2.csv"));
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("target,params,tokens,task,", lines[0]);
    }

    [Theory]
    [InlineData("--variant", "two-stage", typeof(LadderVariant))]
    [InlineData("--feature", "loss", typeof(LadderFeature))]
    [InlineData("--interval", "Delta", typeof(IntervalMethod))]
    public void UnknownChoiceIsRefusedOnOneErrorLineNamingTheKnownOnes(string option, string value, Type choice)
    {
        var known = choice == typeof(LadderVariant) ? LadderNames.Known<LadderVariant>()
            : choice == typeof(LadderFeature) ? LadderNames.Known<LadderFeature>() : LadderNames.Known<IntervalMethod>();
        var (code, err) = Run("ladder", "predict", "--data", _data, "--target", "13B-5T", option, value, "--out", Out("never.txt"));
        Assert.Equal(2, code);
        var errors = err.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(errors);
        Assert.Contains($"'{value}'", line);
        Assert.NotEmpty(known);
        foreach (var name in known) Assert.Contains(name, line);
        Assert.False(File.Exists(Out("never.txt")));
    }

    [Fact]
    public void HypotheticalTargetReportsNoActual()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--params", "70e9", "--tokens", "15e12", "--format", "json", "--out", Out("h.json"));
        Assert.True(code == 0, err);
        var doc = Assert.Single(JsonDocument.Parse(File.ReadAllText(Out("h.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(70e9, doc.GetProperty("params").GetDouble());
        Assert.All(doc.GetProperty("tasks").EnumerateArray(), t =>
        {
            Assert.False(t.TryGetProperty("actual", out _));
            Assert.True(t.GetProperty("predicted").GetDouble() > 0);
        });
    }

    [Theory]
    [InlineData("--params", "0", "--tokens", "1e12")]
    [InlineData("--params", "7e9", "--tokens", "-3")]
    public void NonPositiveNOrDExitsWithTwo(params string[] extra)
    {
        var (code, err) = Run(["ladder", "predict", "--data", _data, .. extra]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains("positive", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
    }

    [Fact]
    public void MissingRunFileInADescriptionExitsWithTwoNamingTheFile()
    {
        Assert.Equal(0, Run("ladder", "describe", "--data", _data, "--out", Out("ladder.json")).Code);
        var json = File.ReadAllText(Out("ladder.json")).Replace("760M-2xC.csv", "no-such-run.csv");
        File.WriteAllText(Out("broken.json"), json);
        var (code, err) = Run("ladder", "predict", "--ladder", Out("broken.json"), "--target", "13B-5T");
        Assert.Equal(2, code);
        Assert.Contains("no-such-run.csv", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
    }

    [Fact]
    public void DescribedLadderPredictsLikeTheBuiltIn()
    {
        Assert.Equal(0, Run("ladder", "describe", "--data", _data, "--out", Out("ladder.json")).Code);
        Assert.Equal(0, Run("ladder", "predict", "--ladder", Out("ladder.json"), "--target", "13B-5T", "--tasks", "mmlu", "--format", "csv", "--out", Out("a.csv")).Code);
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu", "--format", "csv", "--out", Out("b.csv")).Code);
        Assert.Equal(File.ReadAllText(Out("b.csv")), File.ReadAllText(Out("a.csv")));
    }

    [Fact]
    public void FailedCommandLeavesAnExistingOutFileUntouched()
    {
        File.WriteAllText(Out("keep.json"), "previous");
        var (code, _) = Run("ladder", "predict", "--data", _data, "--tasks", "nope", "--format", "json", "--out", Out("keep.json"));
        Assert.Equal(2, code);
        Assert.Equal("previous", File.ReadAllText(Out("keep.json")));
        var (code2, err2) = Run("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu", "--out", Path.Combine(_dir, "no", "dir", "x.txt"));
        Assert.Equal(2, code2);
        Assert.Contains("folder does not exist", err2);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void AnalysesRun()
    {
        Assert.Equal(0, Run("ladder", "variance", "--data", _data, "--format", "csv", "--out", Out("v.csv")).Code);
        var v = File.ReadAllLines(Out("v.csv"));
        Assert.Equal(11, v.Length);   // header + ten tasks
        Assert.Equal(0, Run("ladder", "compute-vs-error", "--data", _data, "--tasks", "mmlu", "--format", "csv", "--out", Out("c.csv")).Code);
        var c = File.ReadAllLines(Out("c.csv"));
        Assert.Equal(1 + 4 + 4 + 16, c.Length);
    }
}
