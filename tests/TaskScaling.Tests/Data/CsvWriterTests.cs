using TaskScaling.Data;

namespace TaskScaling.Tests.Data;

public class CsvWriterTests
{
    [Fact]
    public void FieldsNeedingQuotesRoundTripThroughCsvTable()
    {
        string[] header = ["name", "note", "x"];
        var awkward = new[] { "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nhere", "\"", "," };
        var text = CsvWriter.ToText(header, awkward.Select((s, i) => (IEnumerable<object?>)[s, $"plain{i}", i + 0.5]));
        var t = CsvTable.Parse(text, "mem.csv");
        Assert.Equal(header, t.Header);
        Assert.Equal(awkward.Length, t.Rows.Count);
        for (int i = 0; i < awkward.Length; i++)
        {
            Assert.Equal(awkward[i], t.Cell(i, "name"));
            Assert.Equal($"plain{i}", t.Cell(i, "note"));
            Assert.Equal(i + 0.5, t.Number(i, "x"));
        }
    }

    [Fact]
    public void PlainFieldsAreWrittenAsTheyAre()
    {
        Assert.Equal("abc", CsvWriter.Field("abc"));
        Assert.Equal("\"a,b\"", CsvWriter.Field("a,b"));
        Assert.Equal("\"x\"\"y\"", CsvWriter.Field("x\"y"));
        Assert.Equal("a,,0.1,3,", CsvWriter.Line(["a", null, 0.1, 3, double.NaN]));
        Assert.Equal("h\r\n1\r\n", CsvWriter.ToText(["h"], [[1]], "\r\n"));
    }
}
