using System.Text.Json;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`ladder backtest` and the predictors' additions to `ladder predict`, end to end.</summary>
[Collection("Console")]
public sealed class LadderBacktestCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-backtest").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void BacktestJsonIsOneObjectAndCsvHasTheSameRows()
    {
        var (code, err) = Run("ladder", "backtest", "--data", _data, "--tasks", "mmlu", "--predictor", "two-step,largest-rung", "--format", "json", "--out", Out("b.json"));
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("b.json"))).RootElement;
        Assert.Equal(JsonValueKind.Object, doc.ValueKind);
        Assert.Equal("calibrated", doc.GetProperty("interval").GetString());
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["largest-rung", "two-step"], rows.Select(r => r.GetProperty("predictor").GetString()).Distinct().Order());
        // The size fold predicts the four 1.3B runs from the three smaller sizes.
        Assert.Equal(4, rows.Count(r => r.GetProperty("fold").GetString() == "size 1.3B" && r.GetProperty("predictor").GetString() == "two-step"));
        foreach (var r in rows.Where(r => r.GetProperty("status").GetString() == "ok"))
        {
            double e = r.GetProperty("error").GetDouble();
            Assert.Equal(r.GetProperty("predicted").GetDouble() - r.GetProperty("actual").GetDouble(), e, 12);
            Assert.InRange(Math.Abs(e), 0, 0.2);   // a fraction, not points
        }
        Assert.Contains(doc.GetProperty("folds").EnumerateArray(), f => f.TryGetProperty("skipped", out _));
        Assert.Equal(0, Run("ladder", "backtest", "--data", _data, "--tasks", "mmlu", "--predictor", "two-step,largest-rung", "--format", "csv", "--out", Out("b.csv")).Code);
        var lines = File.ReadAllLines(Out("b.csv"));
        Assert.StartsWith("fold,task,predictor,chosen,run,size,params,tokens,status,predicted,actual,error,absoluteError", lines[0], StringComparison.Ordinal);
        Assert.Equal(rows.Length + 1, lines.Length);
    }

    [Fact]
    public void DefaultPredictShowsPredictorsAndCoveragePerTarget()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", "mmlu,arc_easy", "--out", Out("p.txt"));
        Assert.True(code == 0, err);
        var text = File.ReadAllText(Out("p.txt"));
        Assert.Contains("calibrated intervals", text, StringComparison.Ordinal);
        Assert.Matches(@"mean abs error \d+\.\d\d pt; actual inside the 90% interval: \d of 2", text);
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--tasks", "mmlu,arc_easy", "--interval", "delta", "--format", "json", "--out", Out("p.json")).Code);
        var doc = JsonDocument.Parse(File.ReadAllText(Out("p.json"))).RootElement;
        foreach (var t in doc.GetProperty("targets").EnumerateArray())
        {
            var tasks = t.GetProperty("tasks").EnumerateArray().ToArray();
            int covered = tasks.Count(k => k.GetProperty("covered").GetBoolean());
            Assert.Equal(covered, t.GetProperty("coverage").GetProperty("covered").GetInt32());
            Assert.All(tasks, k => Assert.Equal("delta", k.GetProperty("intervalMethod").GetString()));
            Assert.All(tasks, k => Assert.NotNull(k.GetProperty("predictor").GetString()));
        }
    }

    [Fact]
    public void PredictorAndVariantTogetherAreOneErrorLine()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--predictor", "direct", "--variant", "flops", "--out", Out("never.txt"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: give either --predictor or --variant", err.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(Out("never.txt")));
    }
}
