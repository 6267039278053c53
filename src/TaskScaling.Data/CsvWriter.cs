using System.Globalization;
using System.Text;

namespace TaskScaling.Data;

/// <summary>
/// The one CSV writer (RFC 4180), the counterpart of <see cref="CsvTable"/>: a field holding a comma, a double
/// quote, a CR or an LF is quoted and its quotes doubled; every other field is written as it is. Numbers in
/// invariant culture, shortest round-trip form.
/// </summary>
public static class CsvWriter
{
    /// <summary>One field, quoted only when it must be.</summary>
    public static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>A value as a field: null and non-finite doubles are empty; numbers invariant, round-trip ("R").</summary>
    public static string Field(object? v) => v switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        string s => Field(s),
        _ => Field(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>One record, without its line break.</summary>
    public static string Line(IEnumerable<object?> fields) => string.Join(",", fields.Select(Field));

    /// <summary>A header and rows, each record ended by <paramref name="newLine"/>.</summary>
    public static string ToText(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows, string newLine = "\n")
    {
        var sb = new StringBuilder();
        sb.Append(Line(header)).Append(newLine);
        foreach (var row in rows) sb.Append(Line(row)).Append(newLine);
        return sb.ToString();
    }
}
