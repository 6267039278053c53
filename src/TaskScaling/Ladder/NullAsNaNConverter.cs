using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskScaling.Ladder;

/// <summary>
/// A number of a ladder description that may be left for the user to fill in: JSON <c>null</c> reads as NaN
/// ("not given") and NaN is written as <c>null</c>. Validation then names every such field
/// (<see cref="LadderDescriptionFile.Validate"/>).
/// </summary>
internal sealed class NullAsNaNConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => double.NaN,
            JsonTokenType.Number => reader.GetDouble(),
            _ => throw new JsonException($"expected a number or null, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
