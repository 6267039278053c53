using System.Diagnostics;
using TaskScaling.Data;
using TaskScaling.Data.Internals;

namespace TaskScaling.Tests.Data;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Replaces_an_existing_file_whole_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "out.json");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new content");
        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal(["out.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_folder_is_a_one_line_error_and_writes_nothing()
    {
        var path = Path.Combine(_dir, "no-such-folder", "out.json");
        var e = Assert.Throws<DataFormatException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains("the folder does not exist", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void A_regular_file_is_replaced_keeping_its_permissions()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_dir, "out.csv");
        File.WriteAllText(path, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Read_only_files_devices_fifos_folders_and_links_leading_elsewhere_are_refused_and_left_as_they_were()
    {
        if (OperatingSystem.IsWindows()) return;
        var readOnly = Path.Combine(_dir, "ro.json");
        File.WriteAllText(readOnly, "mine");
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var fifo = Path.Combine(_dir, "pipe");
        using (var p = Process.Start("mkfifo", fifo)!) p.WaitForExit();
        var folder = Path.Combine(_dir, "folder");
        Directory.CreateDirectory(folder);
        var outsideDir = Directory.CreateTempSubdirectory("ts-atomic-outside-").FullName;
        var outside = Path.Combine(outsideDir, "theirs.json");
        File.WriteAllText(outside, "theirs");
        var link = Path.Combine(_dir, "link.json");
        File.CreateSymbolicLink(link, outside);
        try
        {
            foreach (var (path, problem) in new[]
            {
                (readOnly, "the file is read-only"),
                (fifo, "a named pipe (FIFO), not a regular file"),   // and it returns: the pipe is not opened
                ("/dev/zero", "a character device, not a regular file"),
                ("/dev/null", "a character device, not a regular file"),
                (folder, "a folder of that name exists (give a file name)"),
                (link, $"a symbolic link to {outside}, outside the link's folder (give the file itself)"),
            })
            {
                var e = Assert.Throws<DataFormatException>(() => AtomicFile.WriteAllText(path, "x"));
                Assert.Equal($"{path}: cannot write: {problem}", e.Message);
            }
            Assert.Equal("mine", File.ReadAllText(readOnly));
            Assert.Equal(FileType.Fifo, FileKind.Of(fifo, followLinks: false));
            Assert.Equal(FileType.CharacterDevice, FileKind.Of("/dev/null", followLinks: false));
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            Assert.Equal("theirs", File.ReadAllText(outside));
            Assert.Equal(FileType.SymbolicLink, FileKind.Of(link, followLinks: false));
            Assert.Equal(["folder", "link.json", "pipe", "ro.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally { Directory.Delete(outsideDir, recursive: true); }
    }

    [Fact]
    public void A_link_to_a_file_in_its_own_folder_is_written_through()
    {
        if (OperatingSystem.IsWindows()) return;
        var target = Path.Combine(_dir, "run-3.json");
        File.WriteAllText(target, "old");
        var link = Path.Combine(_dir, "latest.json");
        File.CreateSymbolicLink(link, "run-3.json");
        AtomicFile.WriteAllText(link, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(FileType.SymbolicLink, FileKind.Of(link, followLinks: false));
        Assert.Equal(["latest.json", "run-3.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Temporaries_of_dead_writers_are_removed_and_those_of_running_ones_kept()
    {
        if (OperatingSystem.IsWindows()) return;
        int dead = TaskScaling.Tests.Reports.ReportFolderTests.DeadPid();
        using var live = Process.Start("sleep", "60")!;
        try
        {
            string[] names = [$".out.json.{dead}.tmp", $".out.json.{live.Id}.tmp", $".out.json.0{dead}.tmp", $".other.json.{dead}.tmp"];
            foreach (var n in names) File.WriteAllText(Path.Combine(_dir, n), "half");
            AtomicFile.WriteAllText(Path.Combine(_dir, "out.json"), "whole");
            Assert.Equal(names.Skip(1).Append("out.json").Order(StringComparer.Ordinal),
                Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally { live.Kill(); live.WaitForExit(); }
    }
}
