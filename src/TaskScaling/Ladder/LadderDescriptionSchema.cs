using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TaskScaling.Data.LmEval;

namespace TaskScaling.Ladder;

/// <summary>
/// The schema check of a ladder description, derived from the record types themselves (their JSON contract, so
/// schema and types cannot drift): every property known (an unknown one is an error naming the nearest known name —
/// a misspelt optional property would otherwise silently keep its default, e.g. a target read as a ladder run),
/// given once, of the right JSON type; enums as one of their names (System.Text.Json alone accepts any integer for an
/// enum, even an undefined one); numbers finite; required properties present. Records the position of every value
/// (<see cref="JsonPositions"/>) so that the checks after deserialising name line and character too.
/// </summary>
internal static class LadderDescriptionSchema
{
    /// <summary>A property the schema allows on the top-level object only (an editor's schema link).</summary>
    public const string SchemaProperty = "$schema";

    public static JsonPositions Check(byte[] utf8, string source, JsonSerializerOptions options)
    {
        var positions = new JsonPositions(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
        });
        var walker = new Walker(source, options, positions);
        try
        {
            reader.Read();
            walker.Value(ref reader, options.GetTypeInfo(typeof(LadderDescription)), "", nullable: false);
            if (reader.Read()) throw new JsonException("unexpected content after the description");
        }
        catch (JsonException e)
        {
            // Malformed JSON (the reader's own errors): it knows the line and byte, not our path.
            var (line, character) = positions.At(e.LineNumber, e.BytePositionInLine);
            throw new DataFormatException(source, line, null, $"not valid JSON{JsonPositions.AtCharacter(character)}: {FirstSentence(e.Message)}");
        }
        return positions;
    }

    private static string FirstSentence(string message)
    {
        var s = message.Replace("\r", " ").Replace("\n", " ");
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            int cut = s.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) s = s[..cut];
        }
        return s.TrimEnd('.');
    }

    private sealed class Walker(string source, JsonSerializerOptions options, JsonPositions positions)
    {
        private DataFormatException Error(ref Utf8JsonReader r, string path, string problem) =>
            positions.Error(source, positions.LineAndCharacter(r.TokenStartIndex), path, problem);

        public void Value(ref Utf8JsonReader r, JsonTypeInfo info, string path, bool nullable)
        {
            positions.Record(path, r.TokenStartIndex);
            var type = info.Type;
            if (r.TokenType == JsonTokenType.Null)
            {
                if (nullable || Nullable.GetUnderlyingType(type) is not null) return;
                throw Error(ref r, path, $"expected {Expected(type, info)}, found null");
            }
            if (Nullable.GetUnderlyingType(type) is { } inner) { Value(ref r, options.GetTypeInfo(inner), path, nullable: true); return; }
            if (type.IsEnum) { Enum(ref r, type, path); return; }
            if (type == typeof(double) || type == typeof(int))
            {
                bool ok = r.TokenType == JsonTokenType.Number
                    && (type == typeof(int) ? r.TryGetInt32(out _) : r.TryGetDouble(out var v) && double.IsFinite(v));
                if (!ok) throw Error(ref r, path, $"expected {Expected(type, info)}, found {Found(ref r)}");
                return;
            }
            if (type == typeof(string))
            {
                if (r.TokenType != JsonTokenType.String) throw Error(ref r, path, $"expected a string, found {Found(ref r)}");
                return;
            }
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    if (r.TokenType != JsonTokenType.StartArray) throw Error(ref r, path, $"expected an array, found {Found(ref r)}");
                    var element = options.GetTypeInfo(info.ElementType!);
                    for (int i = 0; Next(ref r) != JsonTokenType.EndArray; i++) Value(ref r, element, $"{path}[{i}]", nullable: false);
                    return;
                case JsonTypeInfoKind.Dictionary:
                    if (r.TokenType != JsonTokenType.StartObject) throw Error(ref r, path, $"expected an object, found {Found(ref r)}");
                    var value = options.GetTypeInfo(info.ElementType!);
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString()!;
                        Next(ref r);
                        Value(ref r, value, $"{path}['{key}']", nullable: false);
                    }
                    return;
                case JsonTypeInfoKind.Object:
                    Object(ref r, info, path);
                    return;
                default:
                    r.Skip();   // a type with its own converter and no schema of its own here
                    return;
            }
        }

        private void Object(ref Utf8JsonReader r, JsonTypeInfo info, string path)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw Error(ref r, path, $"expected an object, found {Found(ref r)}");
            long start = r.TokenStartIndex;
            var known = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                var name = r.GetString()!;
                var at = path.Length == 0 ? name : $"{path}.{name}";
                if (!seen.Add(name)) throw Error(ref r, at, $"'{name}' is given twice");
                if (!known.TryGetValue(name, out var property))
                {
                    if (path.Length == 0 && name == SchemaProperty) { Next(ref r); r.Skip(); continue; }
                    throw Error(ref r, at, $"unknown property '{name}'{Suggestion(name, known.Keys)}");
                }
                Next(ref r);
                if (property.CustomConverter is NullAsNaNConverter)
                {
                    positions.Record(at, r.TokenStartIndex);
                    bool ok = r.TokenType == JsonTokenType.Null || r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var v) && double.IsFinite(v);
                    if (!ok) throw Error(ref r, at, $"expected a number (or null while still to fill in), found {Found(ref r)}");
                    continue;
                }
                Value(ref r, options.GetTypeInfo(property.PropertyType), at, property.IsSetNullable && !property.PropertyType.IsValueType);
            }
            var missing = info.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)).Select(p => $"'{p.Name}'").ToList();
            if (missing.Count > 0)
                throw positions.Error(source, positions.LineAndCharacter(start), path.Length == 0 ? "$" : path,
                    $"missing required propert{(missing.Count == 1 ? "y" : "ies")} {string.Join(", ", missing)}");
        }

        private void Enum(ref Utf8JsonReader r, Type type, string path)
        {
            var names = System.Enum.GetNames(type).Select(n => options.PropertyNamingPolicy?.ConvertName(n) ?? n).ToArray();
            if (r.TokenType == JsonTokenType.String && names.Contains(r.GetString(), StringComparer.OrdinalIgnoreCase)) return;
            throw Error(ref r, path, $"expected {Expected(type, null)}, found {Found(ref r)}");
        }

        private string Expected(Type type, JsonTypeInfo? info)
        {
            if (type.IsEnum)
            {
                var names = System.Enum.GetNames(type).Select(n => $"\"{options.PropertyNamingPolicy?.ConvertName(n) ?? n}\"").ToArray();
                return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
            }
            if (type == typeof(double)) return "a finite number";
            if (type == typeof(int)) return "an integer";
            if (type == typeof(string)) return "a string";
            return info?.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                _ => "an object",
            };
        }

        /// <summary>The offending value as the user wrote it (short), with its JSON kind.</summary>
        private static string Found(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    var s = r.GetString()!;
                    return $"the string \"{(s.Length > 40 ? s[..40] + "…" : s)}\"";
                case JsonTokenType.Number:
                    var raw = (r.HasValueSequence ? Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(r.ValueSequence)) : Encoding.UTF8.GetString(r.ValueSpan));
                    return r.TryGetDouble(out var v) && double.IsFinite(v) ? raw : $"{raw} (out of range)";
                case JsonTokenType.True: return "true";
                case JsonTokenType.False: return "false";
                case JsonTokenType.StartArray: return "an array";
                case JsonTokenType.StartObject: return "an object";
                default: return r.TokenType.ToString();
            }
        }

        private static JsonTokenType Next(ref Utf8JsonReader r)
        {
            if (!r.Read()) throw new JsonException("the description ends early");
            return r.TokenType;
        }

        /// <summary>"; did you mean 'x'?" for the nearest known name, or the list of known names.</summary>
        private static string Suggestion(string name, IReadOnlyCollection<string> known) =>
            NameSuggestion.Nearest(name, known) is { } n ? $"; did you mean '{n}'?" : "";
    }
}
