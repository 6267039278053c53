using System.CommandLine;
using TaskScaling.Cli;
using TaskScaling.Cli.Commands;
using TaskScaling.Tests.Data;

namespace TaskScaling.Tests.Cli;

/// <summary>Devices, FIFOs and invalid UTF-8 given to the commands: one `error:` line, exit 2, nothing written
/// (before: reading /dev/zero ran out of memory, a FIFO hung, invalid UTF-8 in a JSON string was a stack trace).</summary>
[Collection("Console")]
public sealed class InputFileCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("input-cli").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Run(RootCommand? root, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try { return (root is null ? Program.Run(args) : root.Parse(args).Invoke(), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private static void AssertOneErrorLine((int Code, string Out, string Err) r, params string[] fragments)
    {
        Assert.True(r.Code == 2, r.Err);
        Assert.StartsWith("error: ", r.Err);
        Assert.Single(r.Err.TrimEnd('\n', '\r').Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, r.Err);
    }

    [Theory]
    [InlineData("ladder", "predict", "--fit")]
    [InlineData("ladder", "predict", "--ladder")]
    [InlineData("skills", "fit", "--table")]
    public void A_character_device_as_input_is_refused(string command, string sub, string option)
    {
        if (OperatingSystem.IsWindows()) return;
        AssertOneErrorLine(Run(null, command, sub, option, "/dev/zero", "--out", Path.Combine(_dir, "out.txt")),
            "/dev/zero", "expected a regular file, found a character device");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task A_fifo_as_a_run_file_is_refused_at_once()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = InputFileTests.MakeFifo(_dir);
        var ladder = Path.Combine(_dir, "ladder.json");
        File.WriteAllText(ladder, $$"""
            { "runs": [ { "name": "a", "file": "{{fifo}}", "size": "1M", "parameters": 1e6, "role": "ladder" },
                        { "name": "b", "file": "{{fifo}}", "size": "2M", "parameters": 2e6, "role": "ladder" } ],
              "tasks": [ { "name": "t", "chance": 0.25, "loss": [ { "column": "l" } ], "accuracy": [ { "column": "a" } ] } ] }
            """);
        var run = Task.Run(() => Run(null, "ladder", "predict", "--ladder", ladder, "--params", "1e9", "--tokens", "1e11"));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));   // a TimeoutException if reading the FIFO blocked
        AssertOneErrorLine(result, "pipe.json", "found a named pipe (FIFO)");
    }

    private string LmEvalWithBadUtf8(string folder)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, folder, "m")).FullName;
        var path = Path.Combine(dir, "results_2024-07-03T10-00-00.json");
        File.WriteAllBytes(path, [.. "{\"results\": {\"arc_easy\": {\"alias\": \"arc"u8, 0xC3, 0x28,
            .. "\", \"acc,none\": 0.5}}, \"config\": {\"model_args\": \"pretrained=lab/Tiny-1B,revision=step10\"}}"u8]);
        return path;
    }

    [Fact]
    public void Invalid_utf8_in_an_lm_eval_string_is_one_error_line_in_init_and_import()
    {
        var file = LmEvalWithBadUtf8("init");
        var init = Run(null, "ladder", "init", Path.Combine(_dir, "init"), "--out", Path.Combine(_dir, "ladder.json"));
        AssertOneErrorLine(init, file, "line 1", "invalid UTF-8 at byte offset 39");
        Assert.False(File.Exists(Path.Combine(_dir, "ladder.json")));

        file = LmEvalWithBadUtf8("import");
        var meta = Path.Combine(_dir, "meta.csv");
        File.WriteAllText(meta, "Model,Family,Tokens (T)\nTiny-1B,tiny,2\n");
        var root = new RootCommand();
        var skills = new Command("skills");
        skills.Subcommands.Add(SkillsImportCommand.Create());
        root.Subcommands.Add(skills);
        var import = Run(root, "skills", "import", "--lm-eval", Path.Combine(_dir, "import"), "--metadata", meta, "--out", Path.Combine(_dir, "mine.csv"));
        AssertOneErrorLine(import, file, "invalid UTF-8 at byte offset 39");
        Assert.False(File.Exists(Path.Combine(_dir, "mine.csv")));
    }
}
