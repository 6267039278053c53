using System.Diagnostics;
using TaskScaling.Data.Internals;

namespace TaskScaling.Tests.Data;

public class FileKindTests
{
    [Fact]
    public void Regular_files_folders_devices_and_fifos_are_told_apart_without_opening_them()
    {
        var dir = Directory.CreateTempSubdirectory("ts-filekind-").FullName;
        try
        {
            var file = Path.Combine(dir, "a.csv");
            File.WriteAllText(file, "x,y\n1,2\n");
            var probe = FileKind.Probe(file);
            Assert.Equal(FileType.Regular, probe.Type);
            Assert.Equal(8, probe.Size);
            Assert.Equal(FileType.Directory, FileKind.Of(dir));
            Assert.Equal(FileType.Missing, FileKind.Of(Path.Combine(dir, "nope")));
            if (OperatingSystem.IsWindows()) return;
            Assert.Equal(FileType.CharacterDevice, FileKind.Of("/dev/zero"));
            var link = Path.Combine(dir, "link");
            File.CreateSymbolicLink(link, file);
            Assert.Equal(FileType.Regular, FileKind.Of(link));
            Assert.Equal(FileType.SymbolicLink, FileKind.Of(link, followLinks: false));
            var fifo = Path.Combine(dir, "pipe");
            using (var p = Process.Start("mkfifo", fifo)) p.WaitForExit();
            Assert.Equal(FileType.Fifo, FileKind.Of(fifo));   // and it returns: probing does not open the pipe
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
