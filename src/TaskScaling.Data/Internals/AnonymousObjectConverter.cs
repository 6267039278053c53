using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskScaling.Data.Internals;

/// <summary>
/// Writes C# anonymous objects (the shapes of the CLI's JSON outputs) property by property, as the reflection
/// serializer does: declaration order, the options' naming policy, null members left out, each value by its declared
/// type. Why: the reflection serializer treats an anonymous type as a type with a parameterized constructor and
/// builds a converter generic over its member types, which a Native AOT build cannot create at run time for value
/// types (double, int); this converter is generic over the anonymous type alone (a reference type). Write only.
/// </summary>
internal sealed class AnonymousObjectConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsClass && typeToConvert.IsSealed && typeToConvert.Name.Contains("AnonymousType", StringComparison.Ordinal)
        && typeToConvert.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    // An anonymous type's properties are those of the code that builds it (TrimMode partial keeps them all), and
    // Writer<T> over a reference type shares the canonical code of a Native AOT build.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "anonymous types keep their properties")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "generic over a reference type: canonical code")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Writer<>).MakeGenericType(typeToConvert),
            [typeToConvert.GetProperties(BindingFlags.Public | BindingFlags.Instance)])!;

    private sealed class Writer<T>(PropertyInfo[] properties) : JsonConverter<T>
    {
        private readonly PropertyInfo[] _properties = properties;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException($"anonymous type {typeof(T)} is written, never read");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var p in _properties)
            {
                object? v = p.GetValue(value);
                if (v is null && options.DefaultIgnoreCondition == JsonIgnoreCondition.WhenWritingNull) continue;
                writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name);
                JsonSerializer.Serialize(writer, v, p.PropertyType, options);
            }
            writer.WriteEndObject();
        }
    }
}
