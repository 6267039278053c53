using System.Buffers;
using System.Globalization;
using System.Text;

namespace TaskScaling.Data.Internals;

/// <summary>
/// The one way readers read an input file: a regular file only (a device, FIFO or folder is refused before it
/// is opened: <c>/dev/zero</c> would read forever, a FIFO would block), no larger than <see cref="MaxBytes"/>
/// (checked before reading), and for text, valid UTF-8 (a UTF-8 byte order mark is accepted and dropped).
/// Every problem is a <see cref="DataFormatException"/> naming the file.
/// </summary>
internal static class InputFile
{
    /// <summary>The size limit when <see cref="MaxBytesVariable"/> is not set: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Environment variable overriding <see cref="DefaultMaxBytes"/> (a whole number of bytes).</summary>
    public const string MaxBytesVariable = "TASKSCALING_MAX_INPUT_BYTES";

    /// <summary>The size limit in force: <see cref="MaxBytesVariable"/> when set, else <see cref="DefaultMaxBytes"/>.</summary>
    public static long MaxBytes => ParseMaxBytes(Environment.GetEnvironmentVariable(MaxBytesVariable));

    /// <summary>The limit a value of <see cref="MaxBytesVariable"/> sets (unset or blank: the default).</summary>
    public static long ParseMaxBytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return DefaultMaxBytes;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new InvalidRequestException($"{MaxBytesVariable}: expected a positive whole number of bytes, found '{text}'");
    }

    /// <summary>Refuses what is not a regular file of at most <paramref name="maxBytes"/> bytes; returns its size.</summary>
    public static long Check(string path, long? maxBytes = null, string notFound = "file not found")
    {
        var (type, size) = FileKind.Probe(path);
        if (type == FileType.Missing) throw new DataFormatException(path, null, null, notFound);
        if (type != FileType.Regular)
            throw new DataFormatException(path, null, null, $"expected a regular file, found {FileKind.Describe(type)}");
        long limit = Math.Min(maxBytes ?? MaxBytes, Array.MaxLength);   // one array holds the file
        if (size > limit)
            throw new DataFormatException(path, null, null,
                $"the file holds {size.ToString(CultureInfo.InvariantCulture)} bytes, more than the limit of {limit.ToString(CultureInfo.InvariantCulture)} (set {MaxBytesVariable} to raise it)");
        return size;
    }

    /// <summary>The file opened for reading, after <see cref="Check"/>.</summary>
    public static FileStream OpenRead(string path, long? maxBytes = null, string notFound = "file not found")
    {
        Check(path, maxBytes, notFound);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new DataFormatException(path, null, null, $"cannot read: {e.Message}", e); }
    }

    /// <summary>The file's bytes (at most the limit: a file that grew after the check is read up to it).</summary>
    public static byte[] ReadBytes(string path, long? maxBytes = null, string notFound = "file not found")
    {
        long limit = maxBytes ?? MaxBytes;
        using var stream = OpenRead(path, limit, notFound);
        try
        {
            var bytes = new byte[Math.Min(stream.Length, limit)];
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (IOException e) { throw new DataFormatException(path, null, null, $"cannot read: {e.Message}", e); }
    }

    /// <summary>The file as text: valid UTF-8 (else an error at the first bad byte), without a byte order mark.</summary>
    public static string ReadText(string path, long? maxBytes = null, string notFound = "file not found")
    {
        var bytes = ReadBytes(path, maxBytes, notFound);
        RequireUtf8(bytes, path);
        var span = bytes.AsSpan();
        if (span.StartsWith(Utf8Bom)) span = span[Utf8Bom.Length..];
        return Encoding.UTF8.GetString(span);
    }

    /// <summary>Reads the file as text with <paramref name="read"/>: the bytes are checked as by <see cref="ReadText(string, long?, string)"/>
    /// but held in a pooled buffer and decoded as they are read, so a large file is not held twice (bytes and text).</summary>
    public static T ReadText<T>(string path, Func<TextReader, T> read, long? maxBytes = null, string notFound = "file not found")
    {
        long limit = maxBytes ?? MaxBytes;
        byte[] buffer;
        int length;
        using (var stream = OpenRead(path, limit, notFound))
        {
            buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(stream.Length, 1), Math.Min(limit, Array.MaxLength)));
            try { length = stream.ReadAtLeast(buffer.AsSpan(0, (int)Math.Min(stream.Length, buffer.Length)), (int)Math.Min(stream.Length, buffer.Length), throwOnEndOfStream: false); }
            catch (IOException e)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new DataFormatException(path, null, null, $"cannot read: {e.Message}", e);
            }
        }
        try
        {
            RequireUtf8(buffer.AsSpan(0, length), path);
            using var reader = new StreamReader(new MemoryStream(buffer, 0, length, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            if (reader.Peek() == '\uFEFF') reader.Read();
            return read(reader);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>An error at the first byte that is not UTF-8, naming its line, column (in characters) and byte offset.</summary>
    public static void RequireUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return;
        int offset = 0, line = 1, column = 1;
        while (true)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out var rune, out int consumed);
            if (status != OperationStatus.Done)
                throw new DataFormatException(source, line, null,
                    $"invalid UTF-8 at byte offset {offset.ToString(CultureInfo.InvariantCulture)} (character {column.ToString(CultureInfo.InvariantCulture)} of the line, byte 0x{bytes[offset]:X2}); save the file as UTF-8");
            if (rune.Value == '\n') { line++; column = 1; } else column++;
            offset += consumed;
        }
    }
}
