using System.Text.Json;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`ladder predict --targets FILE`: many hypothetical targets, one fit, each as its own --params/--tokens run.</summary>
[Collection("Console")]
public sealed class LadderTargetsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-targets").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string P(string name) => Path.Combine(_dir, name);

    private static JsonElement[] Targets(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("targets").EnumerateArray().ToArray();

    [Fact]
    public void EveryRowIsPredictedAsItsOwnHypotheticalTarget()
    {
        File.WriteAllText(P("targets.csv"), "name,params,tokens,Flops per token\nbig,70B,15T,\nmid,3e10,6e12,1.8e11\n");
        var (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", "mmlu,piqa", "--targets", P("targets.csv"), "--out", P("all.json"));
        Assert.True(code == 0, err);
        var all = Targets(P("all.json"));
        Assert.Equal(["big", "mid"], all.Select(t => t.GetProperty("target").GetString()));
        // The same numbers as one --params/--tokens run per row.
        foreach (var (t, args) in all.Zip(new[] { new[] { "--params", "70B", "--tokens", "15T" }, ["--params", "3e10", "--tokens", "6e12", "--flops-per-token", "1.8e11"] }))
        {
            Assert.Equal(0, Run(["ladder", "predict", "--data", _data, "--tasks", "mmlu,piqa", .. args, "--out", P("one.json")]).Code);
            var one = Assert.Single(Targets(P("one.json")));
            Assert.Equal(one.GetProperty("params").GetDouble(), t.GetProperty("params").GetDouble());
            Assert.Equal(one.GetProperty("tasks").GetRawText(), t.GetProperty("tasks").GetRawText());
        }
    }

    [Fact]
    public void ABadRowIsOneErrorNamingFileLineAndColumn()
    {
        File.WriteAllText(P("bad.csv"), "name,params,tokens\nbig,70B,15T\nsmall,70,15T\n");
        var (code, err) = Run("ladder", "predict", "--data", _data, "--targets", P("bad.csv"));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {P("bad.csv")}, line 3, column 'params': ", err);
        File.WriteAllText(P("cols.csv"), "name,n,tokens\nbig,70B,15T\n");
        (code, err) = Run("ladder", "predict", "--data", _data, "--targets", P("cols.csv"));
        Assert.Equal(2, code);
        Assert.Contains("expected a column 'params'", err);
        (code, err) = Run("ladder", "predict", "--data", _data, "--targets", P("cols.csv"), "--target", "7B-4T");
        Assert.Equal(2, code);
        Assert.Contains("--target cannot be used with --targets", err);
    }
}
