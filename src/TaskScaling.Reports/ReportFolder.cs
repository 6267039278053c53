using TaskScaling.Data.Internals;

namespace TaskScaling.Reports;

/// <summary>
/// Writes a report folder whole or not at all: the files go to a temporary folder <c>.NAME.tmp-PID</c> beside the
/// target, which is then moved into place (an old report goes to <c>.NAME.old-PID</c> until the new one is in).
/// On any failure the temporary folder is removed and the target is left as it was. A report never deletes a
/// user's file: an existing folder is replaced only if it is empty, or, with <c>force</c>, if it holds a TaskScaling
/// report and nothing else (its <see cref="ReportMarker"/> lists every entry); any other folder is refused, naming
/// its first foreign entry, whatever <c>force</c> says. The working folder or one above it, a symbolic link, and the
/// root are refused too. Temporaries left by a killed writer (its process no longer runs) are removed on the way.
/// </summary>
public static class ReportFolder
{
    /// <summary>Checks the output folder before any work is done (fail fast on an obvious mistake); returns its full path.</summary>
    public static string Check(string outDir, bool force)
    {
        if (string.IsNullOrWhiteSpace(outDir)) throw new InvalidRequestException("no output folder given");
        var full = Path.GetFullPath(outDir.TrimEnd('/', '\\') is { Length: > 0 } t ? t : outDir);
        var parent = Path.GetDirectoryName(full);
        if (parent is null) throw Refuse(outDir, "cannot write to the root folder");
        if (!Directory.Exists(parent)) throw Refuse(outDir, $"the folder {parent} does not exist");
        var type = FileKind.Of(full, followLinks: false);
        switch (type)
        {
            case FileType.Missing: return full;
            case FileType.Directory: break;
            // A report replaces its folder by a move, which would replace the link and leave the folder it names as it was.
            case FileType.SymbolicLink: throw Refuse(outDir, "is a symbolic link (give the folder itself)");
            case FileType.Regular: throw Refuse(outDir, "a file of that name exists (give a folder)");
            default: throw Refuse(outDir, $"{FileKind.Describe(type)} of that name exists (give a folder)");
        }
        // Replacing the working folder (or a folder holding it) would pull the folder from under the shell.
        if (IsWorkingFolderOrAbove(full))
            throw Refuse(outDir, "is the working folder or a folder above it; give a new folder for the report");
        return Refusal(outDir, full, force) is { } refusal ? throw refusal : full;
    }

    /// <summary>Creates a temporary folder, lets <paramref name="fill"/> write into it, then moves it to <paramref name="outDir"/>.</summary>
    public static string Write(string outDir, bool force, Action<string> fill)
    {
        var full = Check(outDir, force);
        var parent = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        StaleTemporaries.Remove(parent, $".{name}.tmp-", "", FileType.Directory);
        StaleTemporaries.Remove(parent, $".{name}.old-", "", FileType.Directory);
        var tmp = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        var old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
            Directory.CreateDirectory(tmp);
            fill(tmp);
            if (File.Exists(Path.Combine(tmp, ReportMarker.FileName)) && Contents(tmp).Kind != FolderKind.Report)
                throw new InvalidOperationException($"{ReportMarker.FileName} does not list every file the report wrote");
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
                // Checked again once moved aside: the folder may have changed while the report was drawn.
                if (Refusal(outDir, old, force) is { } refusal)
                {
                    Directory.Move(old, full);
                    throw refusal;
                }
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
            throw Refuse(outDir, $"cannot write: {e.Message}");
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    private enum FolderKind { Empty, Report, Foreign }

    /// <summary>Why the existing folder <paramref name="dir"/> may not be replaced, or null when it may.</summary>
    private static InvalidRequestException? Refusal(string outDir, string dir, bool force) => Contents(dir) switch
    {
        (FolderKind.Empty, _) => null,
        (FolderKind.Report, _) when force => null,
        (FolderKind.Report, _) => Refuse(outDir, "the folder holds an earlier report (use --force to replace it)"),
        (_, var foreign) => Refuse(outDir,
            $"the folder is not empty and holds '{foreign}', which no TaskScaling report wrote; give a new or empty folder (--force replaces only a report folder)"),
    };

    /// <summary>
    /// Empty; a report (every entry a regular file its report.json lists); or foreign, with the first entry (ordinal
    /// order, a folder with a trailing /) that no report wrote.
    /// </summary>
    private static (FolderKind Kind, string? Foreign) Contents(string dir)
    {
        var entries = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToArray();
        if (entries.Length == 0) return (FolderKind.Empty, null);
        var listed = ReportMarker.Read(dir);
        foreach (var entry in entries)
        {
            var type = FileKind.Of(entry, followLinks: false);
            var name = Path.GetFileName(entry);
            if (listed is null || type != FileType.Regular || !listed.Contains(name))
                return (FolderKind.Foreign, type == FileType.Directory ? name + "/" : name);
        }
        return (FolderKind.Report, null);
    }

    private static bool IsWorkingFolderOrAbove(string full)
    {
        static string WithSeparator(string p) => Path.EndsInDirectorySeparator(p) ? p : p + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return WithSeparator(RealPath.Of(Directory.GetCurrentDirectory())).StartsWith(WithSeparator(RealPath.Of(full)), comparison);
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static InvalidRequestException Refuse(string outDir, string problem) =>
        new($"{outDir}: {problem.Replace("\r", " ").Replace("\n", " ")}");
}
