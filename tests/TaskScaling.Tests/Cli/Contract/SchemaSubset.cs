using System.Text.Json;

namespace TaskScaling.Tests.Cli.Contract;

/// <summary>
/// A validator of the JSON Schema subset docs/schemas use (no schema library is among our dependencies): type
/// (one or a list), properties, required, items, enum, additionalProperties (false or a schema) and oneOf. Any
/// other keyword is refused, so a schema cannot say more than is checked. Numbers may be the strings "NaN",
/// "Infinity", "-Infinity" (the JSON convention for non-finite numbers, docs/output.md).
/// </summary>
internal static class SchemaSubset
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "x-example", "x-setup"];
    private static readonly HashSet<string> Keywords = ["type", "properties", "required", "items", "enum", "additionalProperties", "oneOf"];

    /// <summary>Every violation, as "path: what"; empty when the instance is valid.</summary>
    public static List<string> Validate(JsonElement instance, JsonElement schema)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", errors);
        return errors;
    }

    private static void Check(JsonElement v, JsonElement s, string path, List<string> errors)
    {
        foreach (var p in s.EnumerateObject())
            if (!Keywords.Contains(p.Name) && !Annotations.Contains(p.Name))
                errors.Add($"{path}: the schema uses '{p.Name}', outside the subset this validator checks");
        if (s.TryGetProperty("oneOf", out var oneOf))
        {
            int matching = oneOf.EnumerateArray().Count(branch => Validate(v, branch).Count == 0);
            if (matching != 1) errors.Add($"{path}: matches {matching} of the oneOf branches, not exactly one");
        }
        if (s.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => Is(v, t)))
            {
                errors.Add($"{path}: {v.ValueKind} where the schema says {string.Join(" or ", types)}");
                return;
            }
        }
        if (s.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(e => JsonElement.DeepEquals(e, v)))
            errors.Add($"{path}: {v.GetRawText()} is not one of {values.GetRawText()}");
        if (v.ValueKind == JsonValueKind.Object) CheckObject(v, s, path, errors);
        if (v.ValueKind == JsonValueKind.Array && s.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in v.EnumerateArray()) Check(item, items, $"{path}[{i++}]", errors);
        }
    }

    private static void CheckObject(JsonElement v, JsonElement s, string path, List<string> errors)
    {
        bool hasProperties = s.TryGetProperty("properties", out var properties);
        if (s.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!v.TryGetProperty(name, out _)) errors.Add($"{path}: required property '{name}' is missing");
        bool hasAdditional = s.TryGetProperty("additionalProperties", out var additional);
        foreach (var p in v.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(p.Name, out var ps)) Check(p.Value, ps, $"{path}.{p.Name}", errors);
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False) errors.Add($"{path}: property '{p.Name}' is not in the schema");
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object) Check(p.Value, additional, $"{path}.{p.Name}", errors);
        }
    }

    private static bool Is(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "number" => v.ValueKind == JsonValueKind.Number || v.ValueKind == JsonValueKind.String && v.GetString() is "NaN" or "Infinity" or "-Infinity",
        _ => throw new InvalidOperationException($"unknown JSON Schema type '{type}'"),
    };
}
