using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TaskScaling.Data.Internals;

/// <summary>What a path names, as the file system says (following symbolic links unless asked not to).</summary>
internal enum FileType { Missing, Regular, Directory, SymbolicLink, CharacterDevice, BlockDevice, Fifo, Socket, Other }

/// <summary>
/// The type of a file without opening it. Opening is not safe for a test: opening a FIFO blocks until a writer
/// comes, and a character device such as <c>/dev/zero</c> reads forever. .NET reports a device as a "Normal"
/// file, so on Linux we ask the kernel with <c>statx(2)</c>, whose buffer layout is the same on every
/// architecture (stx_mode: u16 at byte 28; stx_size: u64 at byte 40). Elsewhere we fall back to what .NET knows.
/// </summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1, StatxSize = 0x200;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    private static bool _statxMissing;

    /// <summary>The type of <paramref name="path"/> (following symbolic links unless <paramref name="followLinks"/> is false).</summary>
    public static FileType Of(string path, bool followLinks = true) => Probe(path, followLinks).Type;

    /// <summary>The type and, for a regular file, the size in bytes (−1 when unknown).</summary>
    public static (FileType Type, long Size) Probe(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing)
        {
            var buffer = new byte[256];
            try
            {
                if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, buffer) != 0)
                    return Fallback(path, followLinks);
                int mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)) & 0xF000;
                long size = BitConverter.IsLittleEndian
                    ? (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40))
                    : (long)BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(40));
                var type = mode switch
                {
                    0x8000 => FileType.Regular,
                    0x4000 => FileType.Directory,
                    0xA000 => FileType.SymbolicLink,
                    0x2000 => FileType.CharacterDevice,
                    0x6000 => FileType.BlockDevice,
                    0x1000 => FileType.Fifo,
                    0xC000 => FileType.Socket,
                    _ => FileType.Other,
                };
                return (type, type == FileType.Regular ? size : -1);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _statxMissing = true;   // an old C library: fall back for the rest of the process
            }
        }
        return Fallback(path, followLinks);
    }

    private static (FileType, long) Fallback(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null) return (FileType.SymbolicLink, -1);
        if (Directory.Exists(path)) return (FileType.Directory, -1);
        if (!info.Exists) return (FileType.Missing, -1);
        if (!OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal))
            return (FileType.CharacterDevice, -1);
        return (FileType.Regular, info.Length);
    }

    /// <summary>How a message names a type ("a character device").</summary>
    public static string Describe(FileType type) => type switch
    {
        FileType.Missing => "missing",
        FileType.Regular => "a regular file",
        FileType.Directory => "a folder",
        FileType.SymbolicLink => "a symbolic link",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Fifo => "a named pipe (FIFO)",
        FileType.Socket => "a socket",
        _ => "not a regular file",
    };
}
