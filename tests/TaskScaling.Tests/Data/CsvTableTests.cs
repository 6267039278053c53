using TaskScaling.Data;

namespace TaskScaling.Tests.Data;

public class CsvTableTests
{
    [Fact]
    public void QuotedCommasAndDoubledQuotesAreOneCell()
    {
        var t = CsvTable.Parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "mem.csv");
        Assert.Equal("x, y", t.Cell(0, "a"));
        Assert.Equal("say \"hi\"", t.Cell(0, "b"));
    }

    [Fact]
    public void EmptyCellIsMissingAndTextCellNamesFileLineAndColumn()
    {
        var t = CsvTable.Parse("a,b\n1,\n2,zz\n", "mem.csv");
        Assert.True(double.IsNaN(t.Number(0, "b")));
        var e = Assert.Throws<DataFormatException>(() => t.Number(1, "b"));
        Assert.Contains("mem.csv", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("'b'", e.Message);
    }

    [Fact]
    public void TruncatedRowAndEmptyFileAreErrors()
    {
        Assert.Throws<DataFormatException>(() => CsvTable.Parse("a,b,c\n1,2\n", "t.csv"));
        Assert.Throws<DataFormatException>(() => CsvTable.Parse("", "e.csv"));
        Assert.Throws<DataFormatException>(() => CsvTable.Load("/nonexistent/file.csv"));
    }

    [Theory]
    [InlineData(8183)]
    [InlineData(8184)]
    [InlineData(8185)]
    public void A_doubled_quote_across_the_reading_block_boundary_is_one_quote(int padding)
    {
        // The reader takes 8192 characters at a time; "a,b\n1,\"" is 7, so padding 8184 puts the doubled quote at
        // characters 8191 and 8192, across the boundary.
        var text = $"a,b\n1,\"{new string('x', padding)}\"\"y\"\n";
        var table = CsvTable.Parse(text, "t.csv");
        Assert.Equal(new string('x', padding) + "\"y", table.Rows[0][1]);
    }
}
