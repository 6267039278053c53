using System.Runtime.InteropServices;

namespace TaskScaling.Data.Internals;

/// <summary>
/// The canonical path of an existing file or folder: absolute, with every symbolic link, <c>.</c> and <c>..</c>
/// resolved (libc <c>realpath(3)</c>), so two paths to one folder compare equal. Where there is no realpath
/// (Windows) or it fails, the path made absolute.
/// </summary>
internal static class RealPath
{
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr Native([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    private static bool _missing;

    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows() || _missing) return full;
        try
        {
            var resolved = Native(full, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return full;
            try { return Marshal.PtrToStringUTF8(resolved) ?? full; }
            finally { Free(resolved); }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _missing = true;
            return full;
        }
    }
}
