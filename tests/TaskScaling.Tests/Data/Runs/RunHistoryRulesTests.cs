using TaskScaling.Data.Runs;

namespace TaskScaling.Tests.Data.Runs;

/// <summary>W&amp;B run histories: rows in step order, one value per step and column, finite numbers in range.</summary>
public sealed class RunHistoryRulesTests
{
    private const string Header = "_step,throughput/total_tokens,loss,acc,name";

    private static RunHistory Csv(params string[] rows) => RunHistory.Parse(string.Join('\n', [Header, .. rows]) + "\n", "run.csv");

    [Fact]
    public void Rows_are_sorted_by_step_and_keep_their_file_lines()
    {
        var h = Csv("300,30,0.5,0.3,c", "100,10,0.9,0.1,a", "200,20,0.7,0.2,b");
        Assert.Equal([10.0, 20, 30], h.Tokens(TokenSpec.Auto));
        Assert.Equal([0.9, 0.7, 0.5], h.Column("loss", "test", ColumnKind.NonNegative));
        Assert.Equal([3, 4, 2], Enumerable.Range(0, 3).Select(h.Line));
    }

    [Fact]
    public void Rows_of_one_step_merge_when_they_agree_and_are_an_error_when_they_do_not()
    {
        var h = Csv("100,10,0.9,,a", "100,10,,0.1,a", "200,20,0.7,0.2,b");
        Assert.Equal(2, h.RowCount);
        Assert.Equal([0.9, 0.7], h.Column("loss", "test"));
        Assert.Equal([0.1, 0.2], h.Column("acc", "test"));
        var e = Assert.Throws<DataFormatException>(() => Csv("100,10,0.9,0.1,a", "200,20,0.7,0.2,b", "100,10,0.8,0.1,a"));
        Assert.Equal(4, e.Line);
        Assert.Equal("loss", e.Column);
        Assert.Contains("step 100 is also on line 2 with a different value (0.9 there, 0.8 here)", e.Message);
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_an_error()
    {
        var e = Assert.Throws<DataFormatException>(() => RunHistory.Parse("_step,loss,acc,loss\n1,2,3,4\n", "run.csv"));
        Assert.Equal(1, e.Line);
        Assert.Equal("loss", e.Column);
        Assert.Contains("columns 2 and 4", e.Message);
    }

    [Theory]
    [InlineData("1e400", "beyond the range of a double")]
    [InlineData("-1e400", "beyond the range of a double")]
    [InlineData("-Infinity", "expected a finite number, found '-Infinity'")]
    [InlineData("nan", "leave the cell empty for a missing value")]
    public void A_non_finite_number_in_a_used_cell_names_file_line_and_column(string cell, string expected)
    {
        var h = Csv("100,10,0.9,0.1,a", $"200,20,{cell},0.2,b");
        var e = Assert.Throws<DataFormatException>(() => h.Column("loss", "loss of task t", ColumnKind.NonNegative));
        Assert.Equal("run.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("loss", e.Column);
        Assert.Contains(expected, e.Message);
        Assert.Equal([0.1, 0.2], h.Column("acc", "test", ColumnKind.Fraction));   // other columns still read
    }

    [Fact]
    public void Values_outside_the_declared_kind_are_errors()
    {
        var h = Csv("100,10,-0.1,0.1,a", "200,20,0.7,1.5,b");
        var loss = Assert.Throws<DataFormatException>(() => h.Column("loss", "loss of task t", ColumnKind.NonNegative));
        Assert.Equal((2, "loss"), (loss.Line, loss.Column));
        Assert.Contains("expected a value ≥ 0 for the loss of task t, found -0.1", loss.Message);
        var acc = Assert.Throws<DataFormatException>(() => h.Column("acc", "accuracy of task t", ColumnKind.Fraction));
        Assert.Equal((3, "acc"), (acc.Line, acc.Column));
        Assert.Contains("expected a fraction in [0, 1]", acc.Message);
        Assert.Equal([-0.1, 0.7], h.Column("loss", "test"));   // ColumnKind.Any takes any finite number
    }

    [Fact]
    public void Empty_cells_stay_missing()
    {
        var h = Csv("100,10,,0.1,a", "200,20,0.7, ,b");
        Assert.Equal(double.NaN, h.Column("loss", "test", ColumnKind.NonNegative)[0]);
        Assert.Equal(double.NaN, h.Column("acc", "test", ColumnKind.Fraction)[1]);
    }

    [Fact]
    public void Tokens_that_do_not_grow_with_the_step_are_an_error()
    {
        var h = Csv("100,10,0.9,0.1,a", "200,30,0.7,0.2,b", "300,20,0.5,0.3,c");
        var e = Assert.Throws<DataFormatException>(() => h.Tokens(TokenSpec.Auto));
        Assert.Equal((4, "throughput/total_tokens"), (e.Line, e.Column));
        Assert.Contains("tokens D must grow with the step", e.Message);
        Assert.Contains("found 20 after 30 on line 3", e.Message);
        // Without a step column, rows are in file order and the tokens must grow down the file.
        var noStep = RunHistory.Parse("throughput/total_tokens,loss\n20,1\n10,2\n", "run.csv");
        var f = Assert.Throws<DataFormatException>(() => noStep.Tokens(TokenSpec.Auto));
        Assert.Contains("no step column", f.Message);
    }

    [Fact]
    public void Only_the_kept_columns_are_read_and_a_missing_one_is_still_named()
    {
        var h = RunHistory.Parse(Header + "\n100,10,0.9,0.1,a\n200,20,oops,0.2,b\n", "run.csv",
            new WandbReadOptions { Columns = new HashSet<string> { "acc", "throughput/total_tokens", "absent" } });
        Assert.Equal([0.1, 0.2], h.Column("acc", "test"));   // the bad cell of a dropped column is never parsed
        Assert.Equal(Header.Split(','), h.Columns);
        var e = Assert.Throws<DataFormatException>(() => h.Column("absent", "accuracy of task t"));
        Assert.Equal("absent", e.Column);
        Assert.Contains("column not found", e.Message);
    }
}
