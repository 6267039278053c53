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
}
