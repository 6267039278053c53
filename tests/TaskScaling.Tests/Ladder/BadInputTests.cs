using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>Broken ladders give one-line errors naming file, column and row; a failed fit fails only its task.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-bad").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A copy of the paper ladder's runs in a temp folder, with <paramref name="edit"/> applied to one file's text.</summary>
    private LadderDescription Copy(string? file = null, Func<string, string>? edit = null)
    {
        var paper = ReferenceRun.Paper;
        foreach (var r in paper.Runs)
        {
            var text = File.ReadAllText(paper.ResolvePath(r.File));
            if (r.File == file && edit is not null) text = edit(text);
            File.WriteAllText(Path.Combine(_dir, r.File), text);
        }
        return paper with { BaseDirectory = _dir, Source = "test ladder" };
    }

    private static LadderPredictionRequest Mmlu => new() { Targets = ["13B-5T"], Tasks = ["mmlu", "hellaswag"], Interval = IntervalMethod.None };

    [Fact]
    public void MissingRunFileNamesTheFile()
    {
        var d = Copy();
        File.Delete(Path.Combine(_dir, "370M-2xC.csv"));
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Mmlu));
        Assert.Contains("370M-2xC.csv", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void MissingTaskColumnNamesFileAndColumn()
    {
        const string col = "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb";
        var d = Copy("760M-5xC.csv", t => t.Replace(col, "renamed_column"));
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Mmlu));
        Assert.Contains("760M-5xC.csv", e.Message);
        Assert.Contains(col, e.Message);
        Assert.Equal(col, e.Column);
    }

    [Fact]
    public void NonNumericCellNamesFileLineAndColumn()
    {
        // Corrupt the MMLU stem loss of the file's 4th data row (line 5).
        var d = Copy("190M-5xC.csv", text => RunFileEdit.SetCells(text, "eval/downstream_bpb/mmlu_stem_test_rc_5shot_bpb", 4..5, "oops"));
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Mmlu));
        Assert.Contains("190M-5xC.csv", e.Message);
        Assert.Equal(5, e.Line);
        Assert.Equal("eval/downstream_bpb/mmlu_stem_test_rc_5shot_bpb", e.Column);
        Assert.Contains("oops", e.Message);
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        var d2 = Copy("1B-2xC.csv", _ => "");
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d2, Mmlu));
        Assert.Contains("1B-2xC.csv", e.Message);
        Assert.Contains("empty", e.Message);
        // A header without rows is an error too.
        File.WriteAllText(Path.Combine(_dir, "1B-2xC.csv"), File.ReadAllLines(Path.Combine(_dir, "1B-1xC.csv"))[0] + "\n");
        var e2 = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d2, Mmlu));
        Assert.Contains("no checkpoint rows", e2.Message);
    }

    [Fact]
    public void NonPositiveTokensNameFileLineAndColumn()
    {
        var d = Copy("190M-1xC.csv", text => RunFileEdit.SetCells(text, "throughput/total_tokens", ^1.., "0"));
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Mmlu));
        Assert.Contains("190M-1xC.csv", e.Message);
        Assert.Equal("throughput/total_tokens", e.Column);
        Assert.Equal(38, e.Line);
        Assert.Contains("positive", e.Message);
    }

    [Theory]
    [InlineData(0.0, 1e12)]
    [InlineData(7e9, -1.0)]
    public void NonPositiveHypotheticalTargetIsRejected(double n, double d)
    {
        var e = Assert.Throws<InvalidRequestException>(() =>
            LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Parameters = n, Tokens = d }));
        Assert.Contains("positive", e.Message);
    }

    [Fact]
    public void FewerPointsThanParametersIsAnError()
    {
        var d = ReferenceRun.Paper;
        var few = d with { Runs = d.Runs.Where(r => r.Role == RunRole.Target || r.Size == "190M").ToArray() };
        var e = Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(few, Mmlu));
        Assert.Contains("5 parameters but only 4 points", e.Message);
    }

    [Fact]
    public void AFailedFitFailsOnlyItsTask()
    {
        // A zero loss cannot be fitted in log space: HellaSwag's step 1 fails, MMLU still predicts.
        const string col = "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb";
        var d = Copy("370M-1xC.csv", text => RunFileEdit.SetCells(text, col, ^5.., "0"));
        var p = LadderPredictor.Predict(d, Mmlu).Targets.Single();
        var mmlu = p.Tasks.Single(t => t.Task == "mmlu");
        var hs = p.Tasks.Single(t => t.Task == "hellaswag");
        Assert.Equal(PredictionStatus.Ok, mmlu.Status);
        Assert.NotNull(mmlu.Predicted);
        Assert.Equal(PredictionStatus.Failed, hs.Status);
        Assert.Null(hs.Predicted);
        Assert.Contains("step 1", hs.Message);
        Assert.NotNull(hs.Actual);
    }

    [Fact]
    public void UnknownTaskAndTargetAreRejected()
    {
        Assert.Contains("unknown task 'nope'", Assert.Throws<InvalidRequestException>(() =>
            LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Tasks = ["nope"] })).Message);
        Assert.Contains("unknown run '3B'", Assert.Throws<InvalidRequestException>(() =>
            LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Targets = ["3B"] })).Message);
    }

    [Fact]
    public void MissingCellsDropTheirRowAndAreNotErrors()
    {
        // Blank the HellaSwag loss of the last row of 370M-1xC: step 1 then averages the last five rows that have it.
        const string col = "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb";
        var d = Copy("370M-1xC.csv", text => RunFileEdit.SetCells(text, col, ^1.., ""));
        var data = new LadderData(d);
        var run = d.Run("370M-1xC");
        var task = d.Task("hellaswag");
        var series = data.Series(run, task, LadderFeature.Bpb);
        var full = new LadderData(ReferenceRun.Paper).Series(ReferenceRun.Paper.Run("370M-1xC"), task, LadderFeature.Bpb);
        Assert.Equal(full.Count - 1, series.Count);
        var point = Step1Data.Point(data, run, task, LadderSettings.For(LadderFeature.Bpb));
        Assert.Equal(full.X.Skip(full.Count - 6).Take(5).Average(), point.X, 14);
        Assert.Equal(full.Tokens[^2], point.D);
        var p = LadderPredictor.Predict(d, Mmlu).Targets.Single();
        Assert.All(p.Tasks, t => Assert.Equal(PredictionStatus.Ok, t.Status));
    }
}
