using TaskScaling.Data;

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
    public void Writing_to_dev_null_keeps_the_device()
    {
        if (!OperatingSystem.IsLinux()) return;
        AtomicFile.WriteAllText("/dev/null", "discarded");
        // Moving a temporary file over /dev/null would leave a regular file holding the text.
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.Equal("", File.ReadAllText("/dev/null"));
    }
}
