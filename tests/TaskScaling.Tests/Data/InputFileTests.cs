using System.Diagnostics;
using System.Text;
using TaskScaling.Data;
using TaskScaling.Data.Internals;
using TaskScaling.Data.LmEval;
using TaskScaling.Data.Runs;

namespace TaskScaling.Tests.Data;

/// <summary>Every reader reads through <see cref="InputFile"/>: regular files only, a size limit, valid UTF-8.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-input").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    internal static string MakeFifo(string dir)
    {
        var fifo = Path.Combine(dir, "pipe.json");
        using (var p = Process.Start("mkfifo", fifo)) p.WaitForExit();
        return fifo;
    }

    [Fact]
    public void A_device_a_fifo_or_a_folder_is_refused_without_reading_it()
    {
        var e = Assert.Throws<DataFormatException>(() => InputFile.ReadBytes(_dir));
        Assert.Contains("expected a regular file, found a folder", e.Message);
        if (OperatingSystem.IsWindows()) return;
        foreach (Action read in new Action[] { () => CsvTable.Load("/dev/zero"), () => LmEvalReader.ReadFile("/dev/urandom"), () => RunHistory.Load("/dev/zero") })
        {
            var d = Assert.Throws<DataFormatException>(read);
            Assert.Contains("expected a regular file, found a character device", d.Message);
        }
        var fifo = MakeFifo(_dir);
        var watch = Stopwatch.StartNew();
        var f = Assert.Throws<DataFormatException>(() => LmEvalReader.ReadFile(fifo));
        Assert.Equal(fifo, f.File);
        Assert.Contains("found a named pipe (FIFO)", f.Message);
        // A folder of results with a FIFO among them: the FIFO is named, not opened.
        var runs = Directory.CreateDirectory(Path.Combine(_dir, "run")).FullName;
        File.Move(fifo, Path.Combine(runs, "step1.json"));
        var g = Assert.Throws<DataFormatException>(() => RunHistory.LoadLmEval(runs, new TokenSpec { TokensPerStep = 1 }));
        Assert.Contains("found a named pipe (FIFO)", g.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading()
    {
        var path = Write("big.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        Assert.Equal("a,b\n1,2\n", InputFile.ReadText(path, maxBytes: 8));
        var e = Assert.Throws<DataFormatException>(() => InputFile.ReadText(path, maxBytes: 7));
        Assert.Equal(path, e.File);
        Assert.Contains("holds 8 bytes, more than the limit of 7", e.Message);
        Assert.Contains(InputFile.MaxBytesVariable, e.Message);
    }

    [Theory]
    [InlineData(null, 1L << 30)]
    [InlineData("", 1L << 30)]
    [InlineData(" 2048 ", 2048L)]
    public void The_limit_comes_from_the_environment_variable_or_defaults_to_one_gibibyte(string? value, long expected) =>
        Assert.Equal(expected, InputFile.ParseMaxBytes(value));

    [Theory]
    [InlineData("1GB")]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_malformed_limit_is_a_request_error_naming_the_variable(string value)
    {
        var e = Assert.Throws<InvalidRequestException>(() => InputFile.ParseMaxBytes(value));
        Assert.Contains("TASKSCALING_MAX_INPUT_BYTES", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_located_by_line_character_and_byte_offset()
    {
        // "x,y\n1,é\xFF": the bad byte is at offset 8, on line 2, character 4 (é is one character of two bytes).
        var path = Write("bad.csv", [.. "x,y\n1,"u8, 0xC3, 0xA9, 0xFF, (byte)'\n']);
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid UTF-8 at byte offset 8 (character 4 of the line, byte 0xFF)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // A byte order mark is accepted and not part of the first column's name.
        var bom = Write("bom.csv", [0xEF, 0xBB, 0xBF, .. "x,y\n1,2\n"u8]);
        Assert.Equal(["x", "y"], CsvTable.Load(bom).Header);
    }

    [Fact]
    public void Invalid_utf8_inside_an_lm_eval_json_string_is_an_error_not_a_crash()
    {
        // Before: JsonDocument accepted the bytes and GetString() threw InvalidOperationException (a stack trace).
        byte[] json = [.. "{\"results\": {\"arc_easy\": {\"alias\": \"arc"u8, 0xFF, .. "\", \"acc,none\": 0.5}}}"u8];
        var e = Assert.Throws<DataFormatException>(() => LmEvalReader.Parse(json, "r.json"));
        Assert.Equal("r.json", e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("invalid UTF-8 at byte offset 39", e.Message);
    }
}
