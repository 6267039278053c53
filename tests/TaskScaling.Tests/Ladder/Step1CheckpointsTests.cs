using System.Text.Json;
using System.Text.Json.Nodes;
using TaskScaling.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// Intermediate checkpoints as step-1 points (<see cref="LadderSettings.Step1Checkpoints"/>): which checkpoints, a ladder
/// of one run per size that only they make predictable, the description setting and the option agreeing, saved fits.
/// </summary>
[Collection("Console")]
public sealed class Step1CheckpointsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("step1-checkpoints").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>The synthetic ladder with only its 10×C runs (one run per size), optionally with the description setting.</summary>
    private string OneRunPerSize(int? checkpoints)
    {
        var doc = JsonNode.Parse(File.ReadAllText(SyntheticLadder.Write(_dir, e: 0.5)))!.AsObject();
        var runs = doc["runs"]!.AsArray();
        foreach (var r in runs.Where(r => r!["role"] is null && !r["name"]!.GetValue<string>().EndsWith("-10xC", StringComparison.Ordinal)).ToList())
            runs.Remove(r);
        if (checkpoints is { } c) doc["step1Checkpoints"] = c;
        var path = P($"one-run-{checkpoints}.json");
        File.WriteAllText(path, doc.ToJsonString());
        return path;
    }

    [Fact]
    public void EachRunGivesItsFinalPointThenCheckpointsAtHalfAndAQuarterOfItsTokens()
    {
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5));
        var settings = new LadderPredictionRequest { Step1Checkpoints = 3 }.Settings();
        var runs = d.LadderRuns.ToList();
        var p = TaskPipeline.Create(new LadderData(d), d.Tasks[0], runs, LadderVariant.TwoStep, settings);
        var obs = p.Step1Observations([0]);
        // The run's checkpoints are at D_final·i/10: D_final/2 is checkpoint 5, the last at most D_final/4 is checkpoint 2.
        double final = p.Step1Points[0].D;
        Assert.Equal([final, final * 0.5, final * 0.2], obs.X.Select(x => x[1]));
        Assert.Equal(3 * runs.Count, p.Step1Observations(p.AllRuns).Count);
        // x is the mean of the Step1Window (5) rows ending at the checkpoint: rows 1–5 for D_final/2.
        var s = new LadderData(d).Series(runs[0], d.Tasks[0], LadderFeature.Bpb);
        Assert.Equal(s.X[..5].Average(), obs.Y[1], 12);
        // One point per run by default: the paper's step 1.
        Assert.Equal(runs.Count, TaskPipeline.Create(new LadderData(d), d.Tasks[0], runs, LadderVariant.TwoStep,
            new LadderPredictionRequest().Settings()).Step1Observations(p.AllRuns).Count);
    }

    [Fact]
    public void ALadderOfOneRunPerSizeIsRefusedWithoutCheckpointsAndPredictedWithThem()
    {
        var (code, err) = Run("ladder", "predict", "--variant", "two-step", "--ladder", OneRunPerSize(null), "--out", P("never.txt"));
        Assert.Equal(2, code);
        Assert.Contains("only 4 points (one per ladder run)", err);

        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", OneRunPerSize(null), "--step1-checkpoints", "3",
            "--format", "json", "--out", P("option.json")).Code);
        var task = JsonDocument.Parse(File.ReadAllText(P("option.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0];
        Assert.Equal("ok", task.GetProperty("status").GetString());
        // The synthetic loss follows step 1's form exactly (its runs were not annealed differently), so the checkpoints
        // recover the law (α = 0.2 generated): the 7B target's loss is predicted within 1%.
        Assert.True(task.GetProperty("lossRelativeError").GetDouble() < 0.01, task.ToString());
        Assert.Equal(0.2, task.GetProperty("step1Parameters").GetProperty("alpha").GetDouble(), 0.02);

        // The description's setting does the same as the option.
        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", OneRunPerSize(3), "--format", "json", "--out", P("setting.json")).Code);
        Assert.Equal(File.ReadAllText(P("option.json")), File.ReadAllText(P("setting.json")));
    }

    [Fact]
    public void OneCheckpointIsThePapersStepOneAndASavedFitKeepsTheSetting()
    {
        var ladder = SyntheticLadder.Write(_dir, e: 0.5);
        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--format", "json", "--out", P("default.json")).Code);
        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--step1-checkpoints", "1", "--format", "json", "--out", P("one.json")).Code);
        Assert.Equal(File.ReadAllText(P("default.json")), File.ReadAllText(P("one.json")));

        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--step1-checkpoints", "2", "--format", "json",
            "--out", P("two.json"), "--save-fit", P("fit.json")).Code);
        Assert.NotEqual(File.ReadAllText(P("default.json")), File.ReadAllText(P("two.json")));
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(P("fit.json")))!["payload"]!["settings"]!["step1Checkpoints"]!.GetValue<int>());
        Assert.Equal(0, Run("ladder", "predict", "--fit", P("fit.json"), "--format", "json", "--out", P("from-fit.json")).Code);
        Assert.Equal(File.ReadAllText(P("two.json")), File.ReadAllText(P("from-fit.json")));
        var (code, err) = Run("ladder", "predict", "--fit", P("fit.json"), "--step1-checkpoints", "3", "--out", P("never.txt"));
        Assert.Equal(2, code);
        Assert.Contains("--step1-checkpoints cannot be used with --fit", err);
    }
}
