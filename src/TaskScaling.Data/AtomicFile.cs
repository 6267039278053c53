using TaskScaling.Data.Internals;

namespace TaskScaling.Data;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file <c>.NAME.PID.tmp</c> beside the target,
/// which is then moved over it; a failure leaves no half-written output. What may be written, checked before
/// anything is (the file's type is read without opening it, see <see cref="FileKind"/>): a new file; an existing
/// regular file, replaced as the shell's <c>&gt;</c> does (its permissions kept); a symbolic link to a file in the
/// link's own folder, whose target is replaced (the link stays). A read-only file, a link to a file in another
/// folder, a folder, a device (<c>/dev/null</c>), a FIFO or a socket is a one-line <see cref="DataFormatException"/>:
/// moving a file over a device or a FIFO would replace it, and writing into one is not "whole or not at all".
/// Temporaries of writers that were killed (their process no longer runs) are removed on the way.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var target = Target(path);
        var dir = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        StaleTemporaries.Remove(dir, $".{name}.", ".tmp", FileType.Regular);
        var tmp = Path.Combine(dir, $".{name}.{Environment.ProcessId}.tmp");
        try
        {
            System.IO.File.WriteAllText(tmp, content);
            if (!OperatingSystem.IsWindows() && System.IO.File.Exists(target))
                System.IO.File.SetUnixFileMode(tmp, System.IO.File.GetUnixFileMode(target));
            System.IO.File.Move(tmp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (System.IO.File.Exists(tmp)) System.IO.File.Delete(tmp); } catch (IOException) { }
            throw Refuse(path, e.Message);
        }
    }

    /// <summary>The regular file to create or replace for <paramref name="path"/>, or a refusal naming why not.</summary>
    private static string Target(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.EndsInDirectorySeparator(path)) throw Refuse(path, "give a file name");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw Refuse(path, "the folder does not exist");
        var type = FileKind.Of(full, followLinks: false);
        if (type == FileType.SymbolicLink)
        {
            string? final;
            try { final = System.IO.File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName; }
            catch (IOException e) { throw Refuse(path, $"the symbolic link cannot be followed ({e.Message})"); }
            // A link within its own folder (latest.json -> run-3.json) is the user's alias: write through it, as `>` does.
            // One that leads elsewhere is refused: the output would land where the command line does not say.
            if (final is null || RealPath.Of(Path.GetDirectoryName(final)!) != RealPath.Of(dir))
                throw Refuse(path, $"a symbolic link to {final ?? "?"}, outside the link's folder (give the file itself)");
            full = final;
            type = FileKind.Of(full, followLinks: false);
        }
        return type switch
        {
            FileType.Missing => full,
            FileType.Regular when IsReadOnly(full) => throw Refuse(path, "the file is read-only"),
            FileType.Regular => full,
            FileType.Directory => throw Refuse(path, "a folder of that name exists (give a file name)"),
            _ => throw Refuse(path, $"{FileKind.Describe(type)}, not a regular file"),
        };
    }

    /// <summary>
    /// No write permission for anyone (<c>chmod a-w</c>; as root the permission alone would not stop the write), or
    /// not writable by this user. The move would replace such a file silently, so it is asked here.
    /// </summary>
    private static bool IsReadOnly(string file)
    {
        if (OperatingSystem.IsWindows()) return System.IO.File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly);
        if ((System.IO.File.GetUnixFileMode(file) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
            return true;
        try
        {
            using var _ = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return false;
        }
        catch (UnauthorizedAccessException) { return true; }
        catch (IOException) { return false; }   // not a permission problem: the write itself will say what is wrong
    }

    private static DataFormatException Refuse(string path, string problem) =>
        new(path, null, null, $"cannot write: {problem.Replace("\r", " ").Replace("\n", " ")}");
}
