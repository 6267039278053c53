using System.Diagnostics;
using System.Globalization;

namespace TaskScaling.Data.Internals;

/// <summary>
/// Temporaries a writer leaves beside its target when it is killed mid-write: names that carry the writer's
/// process id (<c>.NAME.tmp-PID</c>, <c>.NAME.PID.tmp</c>). The next writer to the same target removes those whose
/// process no longer runs; a running one may still be writing, so it is kept (a reused PID only keeps a leftover longer).
/// </summary>
internal static class StaleTemporaries
{
    /// <summary>
    /// Removes the entries of <paramref name="folder"/> named exactly <paramref name="prefix"/> + PID + <paramref name="suffix"/>
    /// (the PID in decimal as the writer formats it: no sign, no leading zero) whose process is not running and whose
    /// type is <paramref name="type"/> (never a link: it is not followed). Best effort: what cannot be removed stays.
    /// </summary>
    public static void Remove(string folder, string prefix, string suffix, FileType type)
    {
        List<string> names;
        try { names = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var name in names)
        {
            if (PidOf(name, prefix, suffix) is not { } pid || IsRunning(pid)) continue;
            var path = Path.Combine(folder, name);
            if (FileKind.Of(path, followLinks: false) != type) continue;
            try
            {
                if (type == FileType.Directory) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>The PID in <paramref name="name"/> if it is exactly prefix + PID + suffix, else null.</summary>
    internal static int? PidOf(string name, string prefix, string suffix)
    {
        if (name.Length <= prefix.Length + suffix.Length
            || !name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var digits = name[prefix.Length..^suffix.Length];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            && pid.ToString(CultureInfo.InvariantCulture) == digits ? pid : null;
    }

    /// <summary>Whether process <paramref name="pid"/> runs (on Linux: /proc/PID exists, a zombie counts as running).</summary>
    internal static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }
}
