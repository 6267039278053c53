using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Data;

public class JsonConventionsTests
{
    private sealed record Sample(string FirstName, double Value, LinkKind Link, string? Absent = null);

    [Fact]
    public void CamelCaseKeysAndEnumsNullsLeftOutNaNAsAString()
    {
        var s = new Sample("é'x", double.NaN, LinkKind.Monotone);
        Assert.Equal("""{"firstName":"\u00E9\u0027x","value":"NaN","link":"monotone"}""", JsonSerializer.Serialize(s, JsonConventions.Compact));
        Assert.Equal(JsonSerializer.Serialize(s, JsonConventions.Compact),
            JsonSerializer.Serialize(JsonDocument.Parse(JsonSerializer.Serialize(s, JsonConventions.Indented)).RootElement, JsonConventions.Compact));
        Assert.Contains("\n", JsonSerializer.Serialize(s, JsonConventions.Indented));
    }

    [Fact]
    public void HandEditedFilesKeepTextReadableAndRejectNaN()
    {
        Assert.Contains("\"é'x\"", JsonSerializer.Serialize(new Sample("é'x", 1, LinkKind.Sigmoid), JsonConventions.HandEdited));
        Assert.Throws<ArgumentException>(() => JsonSerializer.Serialize(new Sample("a", double.NaN, LinkKind.Sigmoid), JsonConventions.HandEdited));
        var back = JsonSerializer.Deserialize<Sample>("{ // a comment\n \"firstName\": \"a\", \"value\": 2, \"link\": \"sigmoid\", }", JsonConventions.HandEdited);
        Assert.Equal(new Sample("a", 2, LinkKind.Sigmoid), back);
    }
}
