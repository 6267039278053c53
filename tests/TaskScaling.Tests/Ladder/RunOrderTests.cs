using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>A W&amp;B run's rows are taken in step order, whatever the file order, and its values are checked
/// against what the ladder uses them for.</summary>
public sealed class RunOrderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-order").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static LadderPredictionRequest Request => new() { Targets = ["13B-5T"], Tasks = ["mmlu"], Interval = IntervalMethod.None };

    /// <summary>The paper ladder with its files copied, <paramref name="edit"/> applied to the lines of <paramref name="file"/>.</summary>
    private LadderDescription Copy(string file, Func<string[], string[]> edit)
    {
        var paper = ReferenceRun.Paper;
        foreach (var r in paper.Runs.SelectMany(r => new[] { r.File, r.IntermediateFile }).OfType<string>().Distinct())
        {
            var lines = File.ReadAllText(paper.ResolvePath(r)).TrimEnd('\n').Split('\n');
            if (r == file) lines = edit(lines);
            File.WriteAllText(Path.Combine(_dir, r), string.Join('\n', lines) + "\n");
        }
        return paper with { BaseDirectory = _dir, Source = "test ladder" };
    }

    [Fact]
    public void Shuffled_rows_give_the_same_prediction_as_sorted_rows()
    {
        var expected = LadderPredictor.Predict(ReferenceRun.Paper, Request).Targets[0].Tasks[0];
        // Before: the last row was taken as the final checkpoint, and step 2 smoothed rows in file order.
        var shuffled = Copy("1B-10xC.csv", l => [l[0], .. l[1..].Reverse()]);
        var actual = LadderPredictor.Predict(shuffled, Request).Targets[0].Tasks[0];
        Assert.Equal(expected.Predicted, actual.Predicted);
        Assert.Equal(expected.PredictedLoss, actual.PredictedLoss);
    }

    [Theory]
    [InlineData("eval/downstream_bpb/mmlu_stem_test_rc_5shot_bpb", "-0.25", "expected a value ≥ 0 for the loss of task mmlu")]
    [InlineData("eval/downstream/mmlu_stem_test_rc_5shot_len_norm", "1.5", "expected a fraction in [0, 1] for the accuracy of task mmlu")]
    [InlineData("eval/downstream/mmlu_stem_test_rc_5shot_len_norm", "1e400", "beyond the range of a double")]
    [InlineData("eval/downstream_bpb/mmlu_stem_test_rc_5shot_bpb", "-inf", "expected a number, found '-inf'")]
    public void A_value_out_of_range_names_file_line_and_column(string column, string value, string expected)
    {
        var d = Copy("370M-5xC.csv", l => RunFileEdit.SetCells(l, column, 9..10, value));
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Request));
        Assert.Equal(Path.Combine(_dir, "370M-5xC.csv"), e.File);
        Assert.Equal(10, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_duplicated_step_with_another_value_is_an_error()
    {
        var d = Copy("760M-1xC.csv", l => [.. l, RunFileEdit.SetCells([l[0], l[5]], "eval/downstream/mmlu_other_test_rc_5shot_len_norm", 1..2, "0.9")[1]]);
        var e = Assert.Throws<DataFormatException>(() => LadderPredictor.Predict(d, Request));
        Assert.Equal("eval/downstream/mmlu_other_test_rc_5shot_len_norm", e.Column);
        Assert.Contains("is also on line 6 with a different value", e.Message);
    }
}
