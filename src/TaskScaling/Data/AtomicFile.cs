namespace TaskScaling.Data;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file beside the target, which is
/// then moved over it. A failure leaves no half-written output.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
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
}
