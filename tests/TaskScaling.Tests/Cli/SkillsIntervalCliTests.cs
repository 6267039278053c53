using System.Text.Json;
using TaskScaling.Cli;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`skills predict` intervals, `skills backtest` and `skills evaluate --families/--intervals` end to end, and their mistakes.</summary>
[Collection("Console")]
public sealed class SkillsIntervalCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-iv").FullName;
    private static string Data => DataLocation.Resolve();
    private string Out(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, true);

    private static void AssertOneLineError(int code, string err, string fragment)
    {
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
        Assert.Contains(fragment, err);
    }

    [Fact]
    public void PredictGivesScoreLowerUpperAndTheActualOfAModelInTheTable()
    {
        var (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--method", "pca-flops",
            "--d", "2", "--format", "json", "--out", Out("p.json"), "--data", Data);
        Assert.True(code == 0, err);
        var doc = Assert.Single(JsonDocument.Parse(File.ReadAllText(Out("p.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("pca-flops", doc.GetProperty("method").GetString());
        Assert.Equal("qwen2-72b", doc.GetProperty("inTable").GetString());
        Assert.Equal(0.9, doc.GetProperty("level").GetDouble());
        Assert.Equal(5, doc.GetProperty("members").GetArrayLength());
        foreach (var p in doc.GetProperty("predictions").EnumerateArray())
        {
            double s = p.GetProperty("score").GetDouble(), lo = p.GetProperty("lower").GetDouble(), hi = p.GetProperty("upper").GetDouble();
            Assert.True(lo <= s && s <= hi && lo < hi, $"{lo} {s} {hi}");
            Assert.InRange(p.GetProperty("actual").GetDouble(), 0, 1);
        }
        (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--method", "pca-flops",
            "--d", "2", "--out", Out("p.txt"), "--data", Data);
        Assert.True(code == 0, err);
        var text = File.ReadAllText(Out("p.txt"));
        Assert.Contains("in-sample", text);
        Assert.Contains("lower", text);
        Assert.Contains("design: ln F with one slope per family", text);
        (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--method", "pca-flops",
            "--d", "2", "--format", "csv", "--out", Out("p.csv"), "--data", Data);
        Assert.True(code == 0, err);
        Assert.StartsWith("family,params,tokens,benchmark,score,lower,upper,actual\nqwen2,72000000000,7000000000000,IFEval,", File.ReadAllText(Out("p.csv")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void BacktestPredictsTheLargerModelsWithCoverage()
    {
        var (code, err) = Run("skills", "backtest", "--family", "qwen2", "--given", "1", "--set", "v2", "--method", "pca-flops", "--d", "2",
            "--format", "json", "--out", Out("b.json"), "--data", Data);
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("b.json"))).RootElement;
        var models = doc.GetProperty("models").EnumerateArray().ToArray();
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Equal("qwen2", m.GetProperty("family").GetString()));
        Assert.InRange(doc.GetProperty("coverage").GetDouble(), 0, 1);
        Assert.Equal(6, doc.GetProperty("perBenchmark").GetArrayLength());
        Assert.DoesNotContain("qwen2", doc.GetProperty("calibrationFamilies").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [InlineData("no-such-family", "1", "pca-flops", "unknown family")]
    [InlineData("qwen2", "9", "pca-flops", "leave none to predict")]
    [InlineData("qwen2", "1", "sloth-best", "unknown method")]
    public void BacktestMistakesAreOneLineErrors(string family, string given, string method, string fragment)
    {
        var (code, err) = Run("skills", "backtest", "--family", family, "--given", given, "--set", "v2", "--method", method, "--out", Out("b.txt"), "--data", Data);
        AssertOneLineError(code, err, fragment);
        Assert.False(File.Exists(Out("b.txt")));
    }

    [Fact]
    public void AMethodTheDataCannotSupportIsAOneLineError()
    {
        var (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--method", "sloth", "--d", "7", "--data", Data);
        AssertOneLineError(code, err, "d = 7");
    }

    [Fact]
    public void EvaluateRunsTheProtocolOnChosenFamiliesWithIntervals()
    {
        var (code, err) = Run("skills", "evaluate", "--set", "v2", "--min-models", "2", "--families", "qwen2,pythia", "--intervals", "--method", "pca-flops",
            "--d", "2", "--methods", "pca_d=2", "--format", "json", "--out", Out("e.json"), "--data", Data);
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("e.json"))).RootElement;
        var s = doc.GetProperty("settings").EnumerateArray().Single();
        Assert.Equal(["qwen2", "pythia"], s.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("families")[0].GetString()));
        Assert.InRange(s.GetProperty("coverage").GetDouble(), 0, 1);
        Assert.Single(doc.GetProperty("comparison").EnumerateArray());
        (code, err) = Run("skills", "evaluate", "--set", "v2", "--min-models", "2", "--families", "nope", "--methods", "pca_d=2", "--data", Data);
        AssertOneLineError(code, err, "unknown family 'nope'");
    }

    [Fact]
    public void ASavedEnsembleReproducesThePredictionAndItsIntervals()
    {
        string[] common = ["--family", "qwen2", "--params", "30B", "--tokens", "7T", "--format", "json"];
        var (code, err) = Run(["skills", "predict", .. common, "--set", "v2", "--method", "sloth-basic", "--d", "2", "--seeds", "2",
            "--save", Out("m.json"), "--out", Out("fresh.json"), "--data", Data]);
        Assert.True(code == 0, err);
        (code, err) = Run(["skills", "predict", .. common, "--model", Out("m.json"), "--out", Out("saved.json")]);
        Assert.True(code == 0, err);
        static string[] Cells(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("targets")[0].GetProperty("predictions").EnumerateArray()
            .Select(p => $"{p.GetProperty("score").GetDouble():R} {p.GetProperty("lower").GetDouble():R} {p.GetProperty("upper").GetDouble():R}").ToArray();
        Assert.Equal(6, Cells(Out("fresh.json")).Length);
        Assert.Equal(Cells(Out("fresh.json")), Cells(Out("saved.json")));
        (code, err) = Run(["skills", "predict", .. common[..^2], "--set", "v2", "--method", "pca-flops", "--save", Out("x.json"), "--data", Data]);
        AssertOneLineError(code, err, "--save keeps sloth and sloth-basic");   // (table output: an error: line)
    }
}
