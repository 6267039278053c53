namespace TaskScaling.Reports;

/// <summary>
/// Writes a report folder whole or not at all: the files go to a temporary folder beside the target, which is
/// then moved into place. An existing non-empty target is an error unless <c>force</c> (then it is replaced).
/// On any failure the temporary folder is removed and the target is left as it was.
/// </summary>
public static class ReportFolder
{
    /// <summary>Checks the output folder before any work is done (fail fast on an obvious mistake).</summary>
    public static string Check(string outDir, bool force)
    {
        if (string.IsNullOrWhiteSpace(outDir)) throw new InvalidRequestException("no output folder given");
        var full = Path.GetFullPath(outDir.TrimEnd('/', '\\') is { Length: > 0 } t ? t : outDir);
        if (File.Exists(full)) throw new InvalidRequestException($"{outDir}: a file of that name exists (give a folder)");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
            throw new InvalidRequestException($"{outDir}: the folder exists and is not empty (use --force to replace it)");
        var parent = Path.GetDirectoryName(full);
        if (parent is null) throw new InvalidRequestException($"{outDir}: cannot write to the root folder");
        if (!Directory.Exists(parent)) throw new InvalidRequestException($"{outDir}: the folder {parent} does not exist");
        return full;
    }

    /// <summary>Creates a temporary folder, lets <paramref name="fill"/> write into it, then moves it to <paramref name="outDir"/>.</summary>
    public static string Write(string outDir, bool force, Action<string> fill)
    {
        var full = Check(outDir, force);
        var parent = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var tmp = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        var old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
            Directory.CreateDirectory(tmp);
            fill(tmp);
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
                try { Directory.Move(tmp, full); }
                catch { Directory.Move(old, full); throw; }
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(tmp, full);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(tmp);
            throw new InvalidRequestException($"{outDir}: cannot write: {OneLine(e.Message)}");
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");
}
