using System.Globalization;
using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>The predictability flag in `ladder predict`'s table, JSON and CSV on the paper ladder.</summary>
[Collection("Console")]
public sealed class LadderPredictabilityCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-predictability").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Out(string name) => Path.Combine(_dir, name);

    private JsonElement[] Tasks(params string[] args)
    {
        var (code, err) = Run(["ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu,piqa", "--format", "json", "--out", Out("p.json"), .. args]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(File.ReadAllText(Out("p.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks").EnumerateArray().ToArray();
    }

    [Fact]
    public void PredictedChangeIsTheDistanceFromTheLargestRungsPrediction()
    {
        var auto = Tasks();
        var rung = Tasks("--predictor", "largest-rung");
        for (int k = 0; k < auto.Length; k++)
        {
            var p = auto[k].GetProperty("predictability");
            Assert.Equal(Math.Abs(auto[k].GetProperty("predicted").GetDouble() - rung[k].GetProperty("predicted").GetDouble()),
                p.GetProperty("predictedChange").GetDouble(), 12);
            double noise = p.GetProperty("noise").GetDouble(), signal = p.GetProperty("signal").GetDouble();
            Assert.InRange(noise, 1e-4, 0.05);   // a fraction: an SD of accuracy over checkpoints
            Assert.Equal(signal / noise, p.GetProperty("ratio").GetDouble(), 12);
            // The same noise and signal whatever the predictor: they are the ladder's.
            Assert.Equal(noise, rung[k].GetProperty("predictability").GetProperty("noise").GetDouble());
            Assert.Equal(signal, rung[k].GetProperty("predictability").GetProperty("signal").GetDouble());
        }
    }

    [Fact]
    public void TheLargestRungIsFlaggedWithAMarkerAFootnoteAndCsvColumns()
    {
        // The largest-rung predictor predicts no change from the largest rung: within any noise, so flagged.
        foreach (var t in Tasks("--predictor", "largest-rung"))
        {
            var p = t.GetProperty("predictability");
            Assert.Equal(0, p.GetProperty("predictedChange").GetDouble());
            Assert.True(p.GetProperty("flagged").GetBoolean());
            Assert.Contains("within 2× the noise", p.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        // A table written to a file has a fixed width (standard output's console may be any).
        var (code, err) = Run("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu", "--predictor", "largest-rung", "--out", Out("t.txt"));
        Assert.True(code == 0, err);
        var table = File.ReadAllText(Out("t.txt"));
        Assert.Contains("MMLU ‡", table, StringComparison.Ordinal);
        Assert.Contains("‡ mmlu: low predictability: the predicted change from the largest rung is within 2× the noise", table, StringComparison.Ordinal);

        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu", "--predictor", "largest-rung", "--format", "csv", "--out", Out("p.csv")).Code);
        var csv = CsvTable.Parse(File.ReadAllText(Out("p.csv")), "p.csv");
        Assert.Equal(["noise", "signal", "ratio", "predictedChange", "flagged", "reason"], csv.Header.TakeLast(6));
        Assert.Equal("true", csv.Cell(0, "flagged"));
        Assert.Equal(0, double.Parse(csv.Cell(0, "predictedChange"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheVariantAloneHasNoFlag()
    {
        foreach (var t in Tasks("--variant", "two-step"))
            Assert.False(t.TryGetProperty("predictability", out _));
    }
}
