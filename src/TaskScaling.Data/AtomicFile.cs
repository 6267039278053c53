namespace TaskScaling.Data;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file beside the target, which is
/// then moved over it. A failure leaves no half-written output. A target that exists but is not a regular
/// file (<c>/dev/null</c>, <c>/dev/stdout</c>) is written directly: moving a file over it would replace the device.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        if (IsSpecialFile(full))
        {
            try { System.IO.File.WriteAllText(full, content); return; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            { throw new DataFormatException(path, null, null, $"cannot write: {e.Message}"); }
        }
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DataFormatException(path, null, null, "cannot write: the folder does not exist");
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            System.IO.File.WriteAllText(tmp, content);
            System.IO.File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (System.IO.File.Exists(tmp)) System.IO.File.Delete(tmp); } catch (IOException) { }
            throw new DataFormatException(path, null, null, $"cannot write: {e.Message}");
        }
    }

    /// <summary>
    /// A device such as <c>/dev/null</c> or <c>/dev/stdout</c>. .NET does not expose the file type (a device reports
    /// "Normal" like a regular file), so the test is the device folder itself.
    /// </summary>
    private static bool IsSpecialFile(string fullPath) =>
        !OperatingSystem.IsWindows() && fullPath.StartsWith("/dev/", StringComparison.Ordinal) && Path.Exists(fullPath);
}
