using System.Text.Json;
using TaskScaling.Ladder;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>
/// Exit codes: 0 when all the requested work succeeded, 2 for a user error (nothing written), 3 when the output was
/// written but some tasks or fits failed; warnings are shown in every format.
/// </summary>
[Collection("Console")]
public sealed class LadderExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-exit").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>The paper ladder copied as a description file, with HellaSwag's loss zero in the last rows of
    /// 370M-1xC: a zero loss cannot be fitted in log space, so HellaSwag's step 1 fails and the other tasks do not.</summary>
    private string BrokenHellaSwag()
    {
        const string col = "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb";
        var paper = ReferenceRun.Paper;
        foreach (var r in paper.Runs)
        {
            var text = File.ReadAllText(paper.ResolvePath(r.File));
            File.WriteAllText(P(r.File), r.File == "370M-1xC.csv" ? RunFileEdit.SetCells(text, col, ^5.., "0") : text);
        }
        LadderDescriptionFile.Write(paper, P("ladder.json"));
        return P("ladder.json");
    }

    [Fact]
    public void ExitCodeIsThreeWhenEveryOrSomeTasksFailAndZeroWhenAllSucceed()
    {
        var ladder = BrokenHellaSwag();
        // Every requested task failed: before, exit code 0.
        var (code, err) = Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--target", "13B-5T", "--tasks", "hellaswag", "--format", "json", "--out", P("all.json"));
        Assert.Equal(3, code);
        Assert.Contains("failed: 1 of 1 task predictions (13B-5T/hellaswag)", err);
        var task = JsonDocument.Parse(File.ReadAllText(P("all.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0];
        Assert.Equal("failed", task.GetProperty("status").GetString());

        (code, err) = Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--tasks", "mmlu,hellaswag", "--interval", "none", "--out", P("some.txt"));
        Assert.Equal(3, code);
        Assert.Contains("failed: 2 of 4 task predictions (7B-4T/hellaswag, 13B-5T/hellaswag)", err);
        Assert.Contains("MMLU", File.ReadAllText(P("some.txt")));

        Assert.Equal(3, Run("ladder", "step1", "--ladder", ladder, "--target", "13B-5T", "--tasks", "hellaswag", "--out", P("s1.txt")).Code);
        Assert.Equal(3, Run("ladder", "variance", "--ladder", ladder, "--tasks", "mmlu,hellaswag", "--format", "json", "--out", P("v.json")).Code);
        Assert.Equal(3, Run("ladder", "compute-vs-error", "--ladder", ladder, "--tasks", "hellaswag", "--format", "csv", "--out", P("cve.csv")).Code);

        (code, err) = Run("ladder", "predict", "--variant", "two-step", "--ladder", ladder, "--tasks", "mmlu", "--interval", "none", "--out", P("ok.txt"));
        Assert.True(code == 0, err);
        Assert.Equal("", err);
    }

    [Fact]
    public void AnUnidentifiableLadderIsAUserError()
    {
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5, sizeOf: _ => 3e8));
        Assert.Equal(3e8, d.LadderRuns.Select(r => r.Parameters).Distinct().Single());
        var (code, err) = Run("ladder", "predict", "--variant", "two-step", "--ladder", P("ladder.json"), "--out", P("never.txt"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains("all 16 ladder runs have the same N = 300000000, so its exponent α is not identified", err);
        Assert.False(File.Exists(P("never.txt")));
    }

    [Fact]
    public void WarningsShowInTableJsonAndCsvUnderOneName()
    {
        SyntheticLadder.Write(_dir, e: -0.1);
        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", P("ladder.json"), "--out", P("t.txt")).Code);
        var table = File.ReadAllText(P("t.txt"));
        Assert.Contains(" †", table);
        Assert.Contains("† task: step 1: E = 0 is at its lower bound", table);

        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", P("ladder.json"), "--format", "json", "--out", P("t.json")).Code);
        var warnings = JsonDocument.Parse(File.ReadAllText(P("t.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0].GetProperty("warnings");
        Assert.Contains(warnings.EnumerateArray(), w => w.GetString()!.StartsWith("step 1: E = 0 is at its lower bound", StringComparison.Ordinal));

        Assert.Equal(0, Run("ladder", "predict", "--variant", "two-step", "--ladder", P("ladder.json"), "--format", "csv", "--out", P("t.csv")).Code);
        var lines = File.ReadAllLines(P("t.csv"));
        Assert.EndsWith(",message,warnings", lines[0]);
        Assert.Contains("step 1: E = 0 is at its lower bound", lines[1]);

        // No warning, no field: a prediction without warnings is written as before (MMLU of the paper ladder).
        Assert.Equal(0, Run("ladder", "step1", "--data", ReferenceRun.DataRoot, "--target", "13B-5T", "--tasks", "mmlu", "--format", "json", "--out", P("ok.json")).Code);
        Assert.False(JsonDocument.Parse(File.ReadAllText(P("ok.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0].TryGetProperty("warnings", out _));
        // CSQA's step-1 warning is not step 2's: `ladder step2` does not show it, `ladder step1` does.
        Assert.Equal(0, Run("ladder", "step2", "--data", ReferenceRun.DataRoot, "--target", "13B-5T", "--tasks", "csqa", "--format", "json", "--out", P("s2.json")).Code);
        Assert.False(JsonDocument.Parse(File.ReadAllText(P("s2.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0].TryGetProperty("warnings", out _));
        Assert.Equal(0, Run("ladder", "step1", "--data", ReferenceRun.DataRoot, "--target", "13B-5T", "--tasks", "csqa", "--format", "json", "--out", P("s1.json")).Code);
        Assert.True(JsonDocument.Parse(File.ReadAllText(P("s1.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0].TryGetProperty("warnings", out _));
    }
}
