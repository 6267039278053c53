using System.Text.Json;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Skills;

/// <summary>`skills downstream` and `skills test-time` end to end: machine output, and bad input → one `error:` line, exit 2.</summary>
[Collection("Console")]
public sealed class DownstreamCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("downstream-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLineError(int code, string err, params string[] fragments)
    {
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, err);
    }

    [Fact]
    public void SampleModelNotInTheTable()
    {
        var f = Write("s.csv", "model,problem,n,correct\ngemma-2b,0,10,1\npythia-160m,0,10,0\nllama-9-1t,0,10,2\n");
        var (code, err) = Run("skills", "test-time", "--samples", f, "--held-out", "gemma-7b", "--seeds", "1");
        AssertOneLineError(code, err, f, "line 4", "'llama-9-1t' is not in");
    }

    [Fact]
    public void MoreCorrectThanSamples()
    {
        var f = Write("s.jsonl", "{\"model\":\"gemma-2b\",\"problem\":\"0\",\"n\":10,\"correct\":1}\n{\"model\":\"pythia-160m\",\"problem\":\"0\",\"n\":10,\"correct\":11}\n");
        var (code, err) = Run("skills", "test-time", "--samples", f, "--held-out", "gemma-7b");
        AssertOneLineError(code, err, f, "line 2", "column 'correct'", "0 ≤ correct ≤ n = 10");
    }

    [Fact]
    public void MoreCorrectThanSamplesInCsv()
    {
        var f = Write("s.csv", "model,problem,n,correct\ngemma-2b,0,10,12\n");
        var (code, err) = Run("skills", "test-time", "--samples", f, "--held-out", "gemma-7b");
        AssertOneLineError(code, err, f, "line 2", "column 'correct'");
    }

    [Fact]
    public void FewerThanTwoTrainingModels()
    {
        var f = Write("s.csv", "model,problem,n,correct\ngemma-2b,0,10,1\ngemma-7b,0,10,3\n");
        var (code, err) = Run("skills", "test-time", "--samples", f, "--held-out", "gemma-7b");
        AssertOneLineError(code, err, "only 1 training model", "at least two");
    }

    [Fact]
    public void MonkeyBusinessLayoutIsRead()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "mb")).FullName;
        File.WriteAllText(Path.Combine(dir, "MATH_gemma-2b.json"), "[{\"is_corrects\":[true,false,false,true]},{\"is_corrects\":[false,false,false,false]}]");
        File.WriteAllText(Path.Combine(dir, "MATH_pythia-160m.jsonl"), "{\"is_corrects\":[false,true]}\n");
        var file = TaskScaling.Data.Samples.SampleFileReader.Read(dir);
        Assert.Equal(3, file.Counts.Count);
        Assert.Contains(file.Counts, c => c is { Model: "gemma-2b", Problem: "0", Samples: 4, Correct: 2 });
        Assert.Contains(file.Counts, c => c is { Model: "gemma-2b", Problem: "1", Samples: 4, Correct: 0 });
        Assert.Contains(file.Counts, c => c is { Model: "pythia-160m", Problem: "0", Samples: 2, Correct: 1 });
    }

    [Fact]
    public void ScoresFileModelNotInTheTable()
    {
        var f = Write("task.csv", "model,score\nmeta-llama-3-8b-instruct,0.5\nllama-9-1t,0.7\n");
        var (code, err) = Run("skills", "downstream", "--scores", f, "--target", "meta-llama-3-70b-instruct");
        AssertOneLineError(code, err, f, "line 3", "'llama-9-1t' is not in");
    }

    [Fact]
    public void ScoresInPointsAreRefused()
    {
        var f = Write("task.csv", "model,score\nmeta-llama-3-8b-instruct,68.88\n");
        var (code, err) = Run("skills", "downstream", "--scores", f, "--target", "meta-llama-3-70b-instruct");
        AssertOneLineError(code, err, f, "line 2", "column 'score'", "fraction");
    }

    [Fact]
    public void DownstreamJsonIsOneObjectWithFractionsAndRawCounts()
    {
        var outPath = Path.Combine(_dir, "d.json");
        var (code, err) = Run("skills", "downstream", "--benchmark", "HumanEval", "--target", "meta-llama-3-70b-instruct", "--bootstrap", "20", "--format", "json", "--out", outPath);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(outPath));
        var t = doc.RootElement.GetProperty("targets")[0];
        Assert.Equal(70e9, t.GetProperty("params").GetDouble());
        Assert.Equal(15e12, t.GetProperty("tokens").GetDouble());
        Assert.InRange(t.GetProperty("predicted").GetDouble(), 0, 1);
        Assert.Equal(0.774, t.GetProperty("actual").GetDouble());
        Assert.Equal(Math.Abs(t.GetProperty("predicted").GetDouble() - 0.774), t.GetProperty("absoluteError").GetDouble(), 12);
        Assert.True(t.GetProperty("pcaPredicted").GetDouble() is > 0 and < 1);
        // Only the instruct model is held out now, so the base 70B model trains the layer: 41 models.
        Assert.Equal(41, doc.RootElement.GetProperty("sloth").GetProperty("trainingModels").GetInt32());
    }
}
