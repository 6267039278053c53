using System.Text.Json;
using TaskScaling.Data.Internals;
using TaskScaling.Reports.Figures;

namespace TaskScaling.Reports;

/// <summary>
/// What makes a folder a TaskScaling report, so that <c>--force</c> may replace it: a regular file
/// <c>report.json</c> whose first fields are <c>"tool": "taskscaling"</c>, <c>"version"</c>, <c>"kind"</c>
/// (ladder-report, skills-report, ladder-plots) and <c>"files"</c>, every entry the report wrote. Only the start of
/// the file is read (the marker comes first), so a large report.json costs nothing and a broken one is no marker.
/// </summary>
internal static class ReportMarker
{
    public const string FileName = "report.json";
    public const string Tool = "taskscaling";
    public const string LadderReport = "ladder-report", SkillsReport = "skills-report", LadderPlots = "ladder-plots";

    /// <summary>Bytes read from report.json: the marker fields of any report fit many times over.</summary>
    private const int PrefixBytes = 1 << 20;

    /// <summary>The "files" of a report: each figure's PNG and SVG, <paramref name="others"/> and report.json, sorted.</summary>
    public static string[] Files(IEnumerable<RenderedFigure> figures, params string[] others) =>
        figures.SelectMany(f => new[] { f.PngFile, f.SvgFile }).Concat(others).Append(FileName).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The files <paramref name="dir"/>/report.json says the report wrote, or null when it is no TaskScaling marker.</summary>
    public static IReadOnlySet<string>? Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (FileKind.Of(path, followLinks: false) != FileType.Regular) return null;   // never open a FIFO or a device
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var prefix = new byte[(int)Math.Min(stream.Length, PrefixBytes)];
            stream.ReadExactly(prefix);
            return Parse(prefix, isFinalBlock: stream.Length <= PrefixBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The marker at the start of a report.json's bytes, or null.</summary>
    internal static IReadOnlySet<string>? Parse(ReadOnlySpan<byte> json, bool isFinalBlock)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];   // a byte-order mark, as some editors save
        var reader = new Utf8JsonReader(json, isFinalBlock, default);
        string? tool = null, kind = null;
        HashSet<string>? files = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (tool is null || kind is null || files is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return null;
                var name = reader.GetString();
                if (!reader.Read()) return null;
                switch (name)
                {
                    case "tool": tool = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "kind": kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "version": if (!reader.TrySkip()) return null; break;
                    case "files": files = Strings(ref reader); break;
                    default: return null;   // the marker's fields come first
                }
                if ((name == "tool" && tool is null) || (name == "kind" && kind is null) || (name == "files" && files is null)) return null;
            }
        }
        catch (JsonException) { return null; }
        return tool == Tool && kind!.Length > 0 ? files : null;
    }

    private static HashSet<string>? Strings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.String) set.Add(reader.GetString()!);
        return reader.TokenType == JsonTokenType.EndArray ? set : null;
    }
}
