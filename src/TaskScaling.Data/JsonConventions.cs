using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TaskScaling.Data;

/// <summary>
/// The one JSON convention of every file and output: camelCase keys, enums as camelCase strings, null members
/// left out, NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers). The
/// variants differ only where a format needs it. The instances are shared and read-only once used: derive with
/// <c>new(JsonConventions.Indented) { ... }</c>.
/// </summary>
public static class JsonConventions
{
    /// <summary>The convention on one line: saved fits (their checksum is taken over the compact form).</summary>
    public static JsonSerializerOptions Compact { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new Internals.AnonymousObjectConverter() },
    };

    /// <summary>Indented, for people to read: CLI output, report.json, the text of a saved fit.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };

    /// <summary>
    /// Files people write by hand (the ladder description): comments and trailing commas allowed, ' and non-ASCII
    /// kept readable, and numbers must be JSON numbers (a NaN is an error, not a string).
    /// </summary>
    public static JsonSerializerOptions HandEdited { get; } = new(Indented)
    {
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// A Native AOT build (no JIT) reads and writes the library's types through metadata compiled ahead of time
    /// (<paramref name="compiled"/>, a source-generated context; each assembly adds its own), reflection staying last
    /// for the CLI's anonymous output shapes: reflection cannot build the converters of positional records over value
    /// types there. Called before any of the options is used; a no-op in a JIT build, which keeps reflection alone.
    /// </summary>
    internal static void PreferCompiledMetadata(IJsonTypeInfoResolver compiled)
    {
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return;
        foreach (var o in new[] { Compact, Indented, HandEdited })
            o.TypeInfoResolver = JsonTypeInfoResolver.Combine(compiled, o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
    }
}
