using System.Text.Json;
using System.Text.Json.Nodes;
using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>Compares two ladder predictions number by number (every target, task and field, via their JSON form).</summary>
internal static class LadderFitAssert
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Same targets, tasks, statuses, messages; every number within <paramref name="tolerance"/> (relative to max(1, |x|)).
    /// Returns how many numbers were compared.</summary>
    public static int Equal(LadderPrediction expected, LadderPrediction actual, double tolerance)
    {
        Assert.Equal(expected.Variant, actual.Variant);
        Assert.Equal(expected.Feature, actual.Feature);
        Assert.Equal(expected.Settings, actual.Settings);
        Assert.Equal(expected.Interval, actual.Interval);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Resamples, actual.Resamples);
        int n = 0;
        Walk(JsonSerializer.SerializeToNode(expected.Targets, Options), JsonSerializer.SerializeToNode(actual.Targets, Options), "targets", tolerance, ref n);
        return n;
    }

    /// <summary>Bit-identical numbers (the same JSON text: doubles are written in their shortest round-trip form).</summary>
    public static void Identical(LadderPrediction expected, LadderPrediction actual)
    {
        Equal(expected, actual, 0);
        Assert.Equal(JsonSerializer.Serialize(expected.Targets, Options), JsonSerializer.Serialize(actual.Targets, Options));
    }

    private static void Walk(JsonNode? e, JsonNode? a, string path, double tol, ref int n)
    {
        if (e is null || a is null) { Assert.True(e is null && a is null, $"{path}: {e?.ToJsonString() ?? "null"} vs {a?.ToJsonString() ?? "null"}"); return; }
        switch (e)
        {
            case JsonObject eo:
                var ao = Assert.IsType<JsonObject>(a);
                Assert.Equal(eo.Select(kv => kv.Key), ao.Select(kv => kv.Key));
                foreach (var (key, value) in eo) Walk(value, ao[key], $"{path}.{key}", tol, ref n);
                break;
            case JsonArray ea:
                var aa = Assert.IsType<JsonArray>(a);
                Assert.True(ea.Count == aa.Count, $"{path}: {ea.Count} vs {aa.Count} items");
                for (int i = 0; i < ea.Count; i++) Walk(ea[i], aa[i], $"{path}[{i}]", tol, ref n);
                break;
            default:
                if (e.GetValueKind() == JsonValueKind.Number)
                {
                    double x = e.GetValue<double>(), y = a.GetValue<double>();
                    Assert.True(Math.Abs(x - y) <= tol * Math.Max(1, Math.Abs(x)), $"{path}: {x:R} vs {y:R}");
                    n++;
                }
                else Assert.Equal(e.ToJsonString(), a.ToJsonString());
                break;
        }
    }
}
