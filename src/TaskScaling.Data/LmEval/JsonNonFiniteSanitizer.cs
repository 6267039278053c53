using System.Text;

namespace TaskScaling.Data.LmEval;

/// <summary>
/// Python's json module writes NaN and ±Infinity as bare tokens (NaN, Infinity, -Infinity), which are
/// not JSON. lm-eval results can hold them (e.g. a stderr of a one-document task). Outside strings they
/// are quoted ("NaN"), so the reader treats them as missing values. The positions of the insertions are
/// kept so a later parse error can be reported at its position in the original file.
/// </summary>
internal static class JsonNonFiniteSanitizer
{
    private static readonly byte[][] Tokens = [Encoding.ASCII.GetBytes("-Infinity"), Encoding.ASCII.GetBytes("Infinity"), Encoding.ASCII.GetBytes("NaN")];

    /// <summary>The bytes with bare tokens quoted, or null when there are none.</summary>
    public static byte[]? Sanitize(byte[] json, out List<(long Line, long SanitizedPosition)> insertions)
    {
        insertions = [];
        var output = new List<byte>(json.Length + 16);
        bool inString = false, escaped = false;
        long line = 0, lineStart = 0; // lineStart: index in output where the current line begins
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == (byte)'\\') escaped = true;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"') inString = true;
            else
            {
                var token = Tokens.FirstOrDefault(t => Matches(json, i, t));
                if (token is not null)
                {
                    insertions.Add((line, output.Count - lineStart));
                    output.Add((byte)'"');
                    output.AddRange(token);
                    output.Add((byte)'"');
                    i += token.Length - 1;
                    continue;
                }
            }
            output.Add(b);
            if (b == (byte)'\n') { line++; lineStart = output.Count; }
        }
        return insertions.Count == 0 ? null : output.ToArray();
    }

    /// <summary>Maps a byte position in a sanitized line back to the original file's line.</summary>
    public static long OriginalPosition(List<(long Line, long SanitizedPosition)> insertions, long line, long position)
    {
        long shift = 0;
        foreach (var (l, p) in insertions)
            if (l == line && p < position) shift += 2;
        return position - shift;
    }

    private static bool Matches(byte[] json, int at, byte[] token)
    {
        if (at + token.Length > json.Length) return false;
        for (int k = 0; k < token.Length; k++)
            if (json[at + k] != token[k]) return false;
        // A token must stand alone (not part of a longer word).
        int after = at + token.Length;
        return after >= json.Length || !char.IsAsciiLetterOrDigit((char)json[after]);
    }
}
