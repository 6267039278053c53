using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// A ladder description is checked as a schema when read: every mistake is one error naming the file, the line, the
/// JSON path (as the column) and the character, and what was expected — never a default silently taken.
/// </summary>
public class LadderDescriptionSchemaTests
{
    private static readonly string Paper = LadderDescriptionFile.ToJson(PaperLadder.Create("/data"));

    /// <summary>The paper description with the first <paramref name="from"/> replaced, and the 1-based line and
    /// character where the replacement starts.</summary>
    private static (string Json, int Line, int Character) Edit(string from, string to, int skip = 0)
    {
        int at = Paper.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        var json = Paper[..at] + to + Paper[(at + from.Length)..];
        int line = Paper[..at].Count(c => c == '\n') + 1;
        int character = at - Paper.LastIndexOf('\n', at - 1) + skip;
        return (json, line, character);
    }

    private static DataFormatException Refused(string json)
    {
        var e = Assert.Throws<DataFormatException>(() => LadderDescriptionFile.Parse(json, "my-ladder.json", "/tmp"));
        Assert.StartsWith("my-ladder.json, line ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData("5")]          // System.Text.Json alone reads an undefined integer as a RunRole
    [InlineData("1")]          // a defined one too ("target"): enums are names only
    [InlineData("\"teacher\"")]
    [InlineData("true")]
    public void AnEnumIsOneOfItsNames(string value)
    {
        var (json, line, character) = Edit("\"role\": \"ladder\"", $"\"role\": {value}", skip: "\"role\": ".Length);
        var e = Refused(json);
        Assert.Equal(line, e.Line);
        Assert.Equal("runs[0].role", e.Column);
        Assert.Contains("expected \"ladder\" or \"target\"", e.Message);
        Assert.Contains($"(character {character} of the line)", e.Message);
    }

    [Fact]
    public void ChanceOutsideZeroToOneIsRefusedWithItsLine()
    {
        var (json, line, character) = Edit("\"chance\": 0.25", "\"chance\": 1.2", skip: "\"chance\": ".Length);
        var e = Refused(json);
        Assert.Equal((line, "tasks[0].chance"), (e.Line, e.Column));
        Assert.Contains("chance must be in [0, 1), found 1.2", e.Message);
        Assert.Contains($"(character {character} of the line)", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    public void ANonPositiveWeightIsRefusedWithItsLine(string weight)
    {
        var (json, line, _) = Edit("\"weight\": 0.215", $"\"weight\": {weight}");
        var e = Refused(json);
        Assert.Equal((line, "tasks[0].loss[0].weight"), (e.Line, e.Column));
        Assert.Contains($"needs a positive weight, found {weight}", e.Message);
    }

    [Theory]
    [InlineData("\"parameters\": 190354176", "\"parameters\": \"190M\"", "runs[0].parameters", "found the string \"190M\"")]
    [InlineData("\"parameters\": 190354176", "\"parameters\": 1e400", "runs[0].parameters", "1e400 (out of range)")]
    [InlineData("\"chinchillaMultiple\": 1", "\"chinchillaMultiple\": [1]", "runs[0].chinchillaMultiple", "expected a finite number, found an array")]
    [InlineData("\"name\": \"190M-1xC\"", "\"name\": null", "runs[0].name", "expected a string, found null")]
    [InlineData("\"loss\": [", "\"loss\": {}, \"x\": [", "tasks[0].loss", "expected an array, found an object")]
    [InlineData("\"source\": \"auto\"", "\"source\": \"tokens\"", "runs[0].tokens.source", "expected \"auto\", \"column\", \"stepTimesBatch\", \"fixed\" or \"perCheckpoint\"")]
    public void AWrongJsonTypeIsRefusedSayingWhatWasExpected(string from, string to, string path, string expected)
    {
        var (json, line, _) = Edit(from, to);
        var e = Refused(json);
        Assert.Equal((line, path), (e.Line, e.Column));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnUnknownPropertyIsRefusedNamingTheNearestKnownOne()
    {
        // Misspelt, "chinchillaMultiple" would silently be null; "Role" (wrong case) would make a target a ladder run.
        var (json, line, _) = Edit("\"chinchillaMultiple\": 1,", "\"chinchilaMultiple\": 1,");
        var e = Refused(json);
        Assert.Equal((line, "runs[0].chinchilaMultiple"), (e.Line, e.Column));
        Assert.Contains("unknown property 'chinchilaMultiple'; did you mean 'chinchillaMultiple'?", e.Message);

        var (json2, _, _) = Edit("\"role\": \"ladder\"", "\"Role\": \"ladder\"");
        Assert.Contains("did you mean 'role'?", Refused(json2).Message);
    }

    [Fact]
    public void APropertyGivenTwiceAndADuplicateNameAreRefused()
    {
        var (json, line, _) = Edit("\"role\": \"ladder\"", "\"role\": \"ladder\", \"role\": \"target\"");
        var e = Refused(json);
        Assert.Equal((line, "runs[0].role"), (e.Line, e.Column));
        Assert.Contains("'role' is given twice", e.Message);

        var (json2, line2, _) = Edit("\"name\": \"190M-2xC\"", "\"name\": \"190M-1xC\"");
        var e2 = Refused(json2);
        Assert.Equal((line2, "runs[1].name"), (e2.Line, e2.Column));
        Assert.Contains("duplicate run name '190M-1xC'", e2.Message);
    }

    [Fact]
    public void AMissingRequiredPropertyAndMalformedJsonNameTheirLine()
    {
        var (json, line, _) = Edit("\"name\": \"190M-1xC\",", "");
        var e = Refused(json);
        Assert.Equal(line - 1, e.Line);   // the run's opening brace, on the line before
        Assert.Contains("missing required property 'name'", e.Message);

        var (json2, line2, _) = Edit("\"role\": \"ladder\",", "\"role\": \"ladder\"");
        var e2 = Refused(json2);
        Assert.Equal(line2 + 1, e2.Line);   // the next property, where a comma was expected
        Assert.Contains("not valid JSON", e2.Message);
    }

    [Fact]
    public void TheValidDescriptionStillReadsAndMayLinkItsSchema()
    {
        var d = LadderDescriptionFile.Parse(Paper, "my-ladder.json", "/tmp");
        Assert.Equal(LadderDescriptionFile.ToJson(PaperLadder.Create("/data")), LadderDescriptionFile.ToJson(d with { BaseDirectory = "/data" }));
        var linked = LadderDescriptionFile.Parse("{ \"$schema\": \"ladder-description.schema.json\"," + Paper.TrimStart()[1..], "my-ladder.json", "/tmp");
        Assert.Equal(d.Runs.Count, linked.Runs.Count);
        // Not inside a run: it is a property of the description only.
        var (json, _, _) = Edit("\"role\": \"ladder\"", "\"$schema\": \"x\", \"role\": \"ladder\"");
        Assert.Contains("unknown property '$schema'", Refused(json).Message);
    }
}
