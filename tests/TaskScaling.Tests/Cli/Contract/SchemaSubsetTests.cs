using System.Text.Json;

namespace TaskScaling.Tests.Cli.Contract;

/// <summary>The schema validator itself: each keyword it claims to check catches a violation.</summary>
public sealed class SchemaSubsetTests
{
    private const string Schema = """
        { "type": "object", "required": ["a"], "additionalProperties": false,
          "properties": { "a": { "type": "number" }, "b": { "type": "array", "items": { "type": "string", "enum": ["x", "y"] } },
                          "m": { "type": "object", "additionalProperties": { "type": "number" } },
                          "o": { "oneOf": [ { "type": "string" }, { "type": "number" } ] } } }
        """;

    private static List<string> Errors(string json) =>
        SchemaSubset.Validate(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(Schema).RootElement);

    [Theory]
    [InlineData("""{"a": 1, "b": ["x", "y"], "m": {"k": 2}, "o": "s"}""")]
    [InlineData("""{"a": "NaN"}""")]
    public void AcceptsValidInstances(string json) => Assert.Empty(Errors(json));

    [Theory]
    [InlineData("""{"b": []}""", "required property 'a'")]
    [InlineData("""{"a": "1"}""", "$.a: String where the schema says number")]
    [InlineData("""{"a": 1, "c": 2}""", "property 'c' is not in the schema")]
    [InlineData("""{"a": 1, "b": ["z"]}""", "$.b[0]: \"z\" is not one of")]
    [InlineData("""{"a": 1, "m": {"k": "v"}}""", "$.m.k: String")]
    [InlineData("""{"a": 1, "o": true}""", "matches 0 of the oneOf branches")]
    [InlineData("""[1]""", "$: Array where the schema says object")]
    public void ReportsEachViolation(string json, string expected) =>
        Assert.Contains(Errors(json), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void RefusesKeywordsOutsideTheSubset() =>
        Assert.Contains(SchemaSubset.Validate(JsonDocument.Parse("1").RootElement, JsonDocument.Parse("""{"minimum": 0}""").RootElement),
            e => e.Contains("'minimum'", StringComparison.Ordinal));
}
