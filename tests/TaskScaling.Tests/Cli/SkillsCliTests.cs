using System.Text.Json;
using TaskScaling.Cli;
using TaskScaling.Skills;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>The `taskscaling skills` commands end to end: outputs, and bad input → one line on stderr, exit 2.</summary>
[Collection("Console")]
public sealed class SkillsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-cli").FullName;
    private static string Data => DataLocation.Resolve();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A data folder whose sloth/data_v2.csv is the given text.</summary>
    private string DataFolder(string csv)
    {
        var root = Directory.CreateTempSubdirectory("skills-data").FullName;
        Directory.CreateDirectory(Path.Combine(root, "sloth"));
        File.WriteAllText(Path.Combine(root, "sloth", "data_v2.csv"), csv);
        return root;
    }

    private static string SmallCsv(string mmluCell = "0.3", int rows = 2)
    {
        var header = "Model,Family2,#Params (B),Pretraining Data Size (T),FLOPs (1E21),MMLU,ARC,HellaSwag,Winogrande,TruthfulQA,GSM8K";
        var lines = Enumerable.Range(0, rows).Select(i => $"m{i},fam,{i + 1},1,{6 * (i + 1)},{(i == rows - 1 ? mmluCell : "0.3")},0.4,0.5,0.6,0.4,0.1");
        return header + "\n" + string.Join("\n", lines) + "\n";
    }

    private static void AssertOneLineError(int code, string err, string fragment)
    {
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
        Assert.Contains(fragment, err);
    }

    [Fact]
    public void EvaluateWritesTheIssueJsonShape()
    {
        var path = Path.Combine(_dir, "eval.json");
        var (code, err) = Run("skills", "evaluate", "--set", "v2", "--min-models", "2", "--methods", "pca_d=2,pca_d=1", "--format", "json", "--out", path, "--data", Data);
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        var s = Assert.Single(doc.GetProperty("settings").EnumerateArray());
        Assert.Equal("v2", s.GetProperty("set").GetString());
        Assert.Equal(2, s.GetProperty("minModels").GetInt32());
        var methods = s.GetProperty("methods").EnumerateArray().ToArray();
        Assert.Equal(["pca_d=1", "pca_d=2"], methods.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(0.0541, Math.Round(methods[1].GetProperty("mae").GetDouble(), 4));   // 5.41 points, as a fraction
        Assert.Equal("fraction", doc.GetProperty("errorUnit").GetString());
        Assert.Equal(6, methods[1].GetProperty("perBenchmark").EnumerateObject().Count());
        Assert.Equal(12, methods[1].GetProperty("perGroup").EnumerateObject().Count());
        // The report's reader gives back what the command wrote.
        var read = Assert.Single(SkillsEvaluationFile.Read(path).Settings);
        Assert.Equal(("v2", 2), (read.Set, read.MinModels));
        Assert.Equal(methods.Select(m => (m.GetProperty("name").GetString()!, 100 * m.GetProperty("mae").GetDouble())), read.Methods.Select(m => (m.Name, m.Mae)));   // the summary is in points
    }

    [Fact]
    public void EvaluateTableNamesEverySetting()
    {
        var path = Path.Combine(_dir, "eval.txt");
        var (code, err) = Run("skills", "evaluate", "--methods", "pca_d=2", "--out", path, "--data", Data);
        Assert.True(code == 0, err);
        var text = File.ReadAllText(path);
        foreach (var label in new[] { "v1/n=1", "v2/n=1", "all/n=1", "v1/n=2", "v2/n=2", "all/n=2", "6.04", "8.30" })
            Assert.Contains(label, text);
    }

    [Fact]
    public void PredictGivesEveryBenchmark()
    {
        var path = Path.Combine(_dir, "pred.json");
        var (code, err) = Run("skills", "predict", "--family", "meta-llama-3", "--params", "70B", "--tokens", "15T", "--d", "2", "--link", "sigmoid", "--format", "json", "--out", path, "--data", Data);
        Assert.True(code == 0, err);
        var doc = Assert.Single(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("targets").EnumerateArray());
        var preds = doc.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(12, preds.Length);
        Assert.All(preds, p => Assert.InRange(p.GetProperty("score").GetDouble(), 0, 1));
        // A 70B/15T Llama-3 beats the 8B on MMLU (the 8B scores ≈ 0.66).
        Assert.True(preds[0].GetProperty("score").GetDouble() > 0.66);
    }

    [Fact]
    public void UnknownFamilyForPredict()
    {
        var (code, err) = Run("skills", "predict", "--family", "no-such-family", "--params", "70B", "--tokens", "15T", "--data", Data);
        AssertOneLineError(code, err, "no-such-family");
    }

    [Fact]
    public void MissingBenchmarkColumn()
    {
        var csv = SmallCsv().Replace(",GSM8K", ",Other");
        var (code, err) = Run("skills", "fit", "--set", "v1", "--data", DataFolder(csv));
        AssertOneLineError(code, err, "GSM8K");
    }

    [Fact]
    public void NonNumericScore()
    {
        var (code, err) = Run("skills", "fit", "--set", "v1", "--data", DataFolder(SmallCsv("n/a")));
        AssertOneLineError(code, err, "MMLU");
    }

    [Fact]
    public void ScoreOutsideTheUnitInterval()
    {
        var (code, err) = Run("skills", "interpret", "--set", "v1", "--data", DataFolder(SmallCsv("63.5")));
        AssertOneLineError(code, err, "outside [0, 1]");
    }

    [Fact]
    public void FewerModelsThanTheMethodNeeds()
    {
        var (code, err) = Run("skills", "fit", "--set", "v1", "--d", "3", "--data", DataFolder(SmallCsv(rows: 3)));
        AssertOneLineError(code, err, "models");
    }

    [Fact]
    public void UnknownMethodAndBadMinModels()
    {
        var (code, err) = Run("skills", "evaluate", "--methods", "nope", "--data", Data);
        AssertOneLineError(code, err, "nope");
        (code, err) = Run("skills", "evaluate", "--min-models", "4", "--data", Data);
        AssertOneLineError(code, err, "min-models");
    }

    [Fact]
    public void EvaluatePrecisionIsAnOption()
    {
        // Sloth basic, v2, one training model per test family (reference 3.65): both precisions run and agree closely.
        var maes = new Dictionary<string, double>();
        foreach (var precision in new[] { "single", "double" })
        {
            var path = Path.Combine(_dir, $"eval-{precision}.json");
            var (code, err) = Run("skills", "evaluate", "--set", "v2", "--min-models", "2", "--methods", "factor_sigmoid_faminter_d=2",
                "--precision", precision, "--format", "json", "--out", path, "--data", Data);
            Assert.True(code == 0, err);
            var s = Assert.Single(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("settings").EnumerateArray());
            maes[precision] = Assert.Single(s.GetProperty("methods").EnumerateArray()).GetProperty("mae").GetDouble();
        }
        Assert.InRange(maes["single"], 0.0365 - 0.002, 0.0365 + 0.002);   // JSON errors are fractions: 3.65 ± 0.2 points
        Assert.InRange(maes["double"], 0.0365 - 0.002, 0.0365 + 0.002);
        Assert.NotEqual(maes["single"], maes["double"]);
        var (bad, badErr) = Run("skills", "evaluate", "--precision", "quad", "--data", Data);
        Assert.Equal(2, bad);
        Assert.Contains("quad", badErr);
    }

    [Fact]
    public void EvaluateSeedIsAnOption()
    {
        // The FLOPs baseline with two training models depends on its start: the default is seed 42, another seed differs.
        double Mae(params string[] extra)
        {
            var path = Path.Combine(_dir, $"eval-seed-{extra.Length}-{string.Join("", extra)}.json");
            var (code, err) = Run(["skills", "evaluate", "--set", "v1", "--min-models", "3", "--methods", "logF_sigmoid_faminter",
                .. extra, "--format", "json", "--out", path, "--data", Data]);
            Assert.True(code == 0, err);
            var s = Assert.Single(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("settings").EnumerateArray());
            return Assert.Single(s.GetProperty("methods").EnumerateArray()).GetProperty("mae").GetDouble();
        }
        double byDefault = Mae(), fortyTwo = Mae("--seed", "42"), three = Mae("--seed", "3");
        Assert.Equal(byDefault, fortyTwo);
        Assert.NotEqual(byDefault, three);
        var (bad, badErr) = Run("skills", "evaluate", "--seed", "many", "--data", Data);
        Assert.Equal(2, bad);
        Assert.Contains("many", badErr);
    }
}
