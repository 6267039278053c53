using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskScaling.Data.SavedFits;

/// <summary>SHA-256 of an input file the fit was computed from (hex, lower case).</summary>
public sealed record InputChecksum(string Path, string Sha256)
{
    /// <summary>Hashes a file's bytes.</summary>
    public static InputChecksum Of(string path, string? displayPath = null)
    {
        try
        {
            using var stream = Internals.InputFile.OpenRead(path);
            return new InputChecksum(displayPath ?? path, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, null, $"cannot read: {e.Message}");
        }
    }
}

/// <summary>What <see cref="SavedFitFile.Read{T}"/> returns: the payload and the envelope's facts.</summary>
public sealed record SavedFit<T>(T Payload, string Kind, int Version, string CreatedBy, IReadOnlyList<InputChecksum> Inputs);

/// <summary>
/// The envelope of every saved fit (ladder fits, skill models): versioned JSON with a checksum.
/// <code>
/// { "format": "taskscaling-fit", "kind": "ladder", "version": 1, "createdBy": "taskscaling 0.1.0",
///   "inputs": [ { "path": "...", "sha256": "..." } ], "payload": { ... }, "checksum": "sha256:..." }
/// </code>
/// The checksum is SHA-256 over the compact JSON of every other member, in file order, so any edit
/// of a number, a name or an input hash is detected on reading. Numbers are written in their shortest
/// round-trip form, so a fit read back holds bit-identical doubles. No timestamp: the same fit gives
/// the same bytes.
/// </summary>
public static class SavedFitFile
{
    public const string Format = "taskscaling-fit";
    /// <summary>The envelope version this build writes and reads for every kind; a kind may also write and read later
    /// versions of its payload (<c>newestVersion</c>: a ladder fit made with a predictor is version 2).</summary>
    public const int CurrentVersion = 1;

    public static JsonSerializerOptions Options => JsonConventions.Compact;

    private static JsonSerializerOptions Indented => JsonConventions.Indented;

    /// <summary>The envelope as text (indented), checksum included.</summary>
    public static string ToJson<T>(string kind, T payload, IReadOnlyList<InputChecksum> inputs, int version = CurrentVersion)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["kind"] = kind,
            ["version"] = version,
            ["createdBy"] = CreatedBy,
            ["inputs"] = JsonSerializer.SerializeToNode(inputs, Options),
            ["payload"] = JsonSerializer.SerializeToNode(payload, Options),
        };
        root["checksum"] = Checksum(root);
        return InlineFlatArrays(root.ToJsonString(Indented)) + "\n";
    }

    /// <summary>Puts every array without nested arrays or objects (parameter vectors, covariance rows, names) on
    /// one line: the indented writer gives each number its own line, which makes a bootstrap fit tens of thousands
    /// of lines long. Whitespace only: the checksum is over the compact form and does not change.</summary>
    internal static string InlineFlatArrays(string json)
    {
        var sb = new StringBuilder(json.Length);
        var items = new List<string>();
        var item = new StringBuilder();
        int i = 0;
        while (i < json.Length)
        {
            char c = json[i];
            if (c == '"') { int e = StringEnd(json, i); sb.Append(json, i, e - i); i = e; continue; }
            if (c == '[')
            {
                items.Clear(); item.Clear();
                int j = i + 1;
                bool flat = true;
                while (j < json.Length && json[j] != ']')
                {
                    char d = json[j];
                    if (d is '[' or '{') { flat = false; break; }
                    if (d == '"') { int e = StringEnd(json, j); item.Append(json, j, e - j); j = e; continue; }
                    if (d == ',') { items.Add(item.ToString()); item.Clear(); }
                    else if (!char.IsWhiteSpace(d)) item.Append(d);
                    j++;
                }
                if (flat && j < json.Length)
                {
                    if (item.Length > 0) items.Add(item.ToString());
                    sb.Append('[').AppendJoin(", ", items).Append(']');
                    i = j + 1;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Index just past the string literal that starts at <paramref name="start"/> (a quote).</summary>
    private static int StringEnd(string json, int start)
    {
        int i = start + 1;
        while (i < json.Length && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, json.Length);
    }

    /// <summary>Writes the envelope whole or not at all.</summary>
    public static void Write<T>(string path, string kind, T payload, IReadOnlyList<InputChecksum> inputs, int version = CurrentVersion) =>
        AtomicFile.WriteAllText(path, ToJson(kind, payload, inputs, version));

    /// <summary>Reads an envelope of version <see cref="CurrentVersion"/> to <paramref name="newestVersion"/>.</summary>
    public static SavedFit<T> Read<T>(string path, string kind, int newestVersion = CurrentVersion)
    {
        return Parse<T>(Internals.InputFile.ReadText(path, notFound: "fit file not found"), path, kind, newestVersion);
    }

    public static SavedFit<T> Parse<T>(string text, string source, string kind, int newestVersion = CurrentVersion)
    {
        JsonNode? node;
        // A member given twice is an error (which value would count?), reported with its position like any other.
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e)
        {
            var at = e.BytePositionInLine is { } b ? $" (byte {b + 1} of the line)" : "";
            throw new DataFormatException(source, e.LineNumber is { } l ? (int)l + 1 : null, null,
                $"not valid JSON{at}: {FirstSentence(e.Message)}");
        }
        if (node is not JsonObject root || root["format"]?.GetValueKind() != JsonValueKind.String
            || root["format"]!.GetValue<string>() != Format)
            throw new DataFormatException(source, null, null, $"not a TaskScaling fit file (no \"format\": \"{Format}\")");
        if (root["version"] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var version))
            throw new DataFormatException(source, null, "version", "the fit file has no integer version");
        if (version < CurrentVersion || version > newestVersion)
            throw new DataFormatException(source, null, "version", $"unsupported fit file version {version} (this build, {CreatedBy}, reads "
                + (newestVersion > CurrentVersion ? $"versions {CurrentVersion} to {newestVersion})" : $"version {CurrentVersion})"));
        var actualKind = root["kind"]?.GetValueKind() == JsonValueKind.String ? root["kind"]!.GetValue<string>() : null;
        if (actualKind != kind)
            throw new DataFormatException(source, null, "kind", $"this is a '{actualKind ?? "?"}' fit, expected a '{kind}' fit");
        if (root["checksum"]?.GetValueKind() != JsonValueKind.String)
            throw new DataFormatException(source, null, "checksum", "the fit file has no checksum");
        var stored = root["checksum"]!.GetValue<string>();
        root.Remove("checksum");
        var expected = Checksum(root);
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
            throw new DataFormatException(source, null, "checksum",
                "checksum mismatch: the file was changed after it was written (refit and save again)");
        try
        {
            var payload = root["payload"].Deserialize<T>(Options)
                ?? throw new DataFormatException(source, null, "payload", "the fit file has no payload");
            var inputs = root["inputs"].Deserialize<List<InputChecksum>>(Options) ?? [];
            var createdBy = root["createdBy"]?.GetValueKind() == JsonValueKind.String ? root["createdBy"]!.GetValue<string>() : "?";
            return new SavedFit<T>(payload, kind, version, createdBy, inputs);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, null, e.Path, $"payload does not match the '{kind}' fit format: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>"taskscaling X.Y.Z" of the library assembly.</summary>
    public static string CreatedBy { get; } =
        "taskscaling " + (typeof(SavedFitFile).Assembly.GetName().Version is { } ver ? $"{ver.Major}.{ver.Minor}.{ver.Build}" : "?");

    private static string Checksum(JsonObject withoutChecksum) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withoutChecksum.ToJsonString(Options))));

    private static string FirstSentence(string message)
    {
        var s = message.Replace("\r", " ").Replace("\n", " ");
        // System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …": the caller says where.
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            int cut = s.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) s = s[..cut];
        }
        return s;
    }
}
