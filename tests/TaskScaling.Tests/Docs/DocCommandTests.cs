using System.Diagnostics;
using Xunit.Abstractions;

namespace TaskScaling.Tests.Docs;

/// <summary>
/// Runs the documented shell commands: every ```bash block of README.md, and the blocks of docs/ marked
/// ```bash runnable. Each block runs in a fresh temporary folder, its commands in order (a command may use the files
/// an earlier one made). A command failing (exit code other than 0, or than the N of a "(exits N" comment) fails
/// the test, naming file, line and command. See <see cref="ShellCommand"/> for what runs and what is skipped.
/// </summary>
public sealed class DocCommandTests(ITestOutputHelper output)
{
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var b in RunnableBlocks()) data.Add(b.ToString());
        return data;
    }

    internal static IEnumerable<CodeBlock> RunnableBlocks() =>
        DocFiles.Blocks().Where(b => b.Language == "bash" && (b.File == "README.md" || b.HasFlag("runnable")));

    [Theory]
    [MemberData(nameof(Blocks))]
    public void TheBlockRuns(string block)
    {
        var b = RunnableBlocks().Single(x => x.ToString() == block);
        var dir = Directory.CreateTempSubdirectory("taskscaling-doc-").FullName;
        try
        {
            foreach (var c in ShellCommand.Parse(b)) RunOne(c, dir);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private void RunOne(ShellCommand c, string dir)
    {
        switch (c.Kind)
        {
            case ShellCommandKind.Skipped:
                output.WriteLine($"skipped ({c.SkipReason}): {c}");
                return;
            case ShellCommandKind.WriteFile:
                var path = Path.Combine(dir, c.Arguments[0]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, c.Content);
                return;
            case ShellCommandKind.MakeDirectory:
                foreach (var d in c.Arguments) Directory.CreateDirectory(Path.Combine(dir, d));
                return;
        }
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = CliProcess.Run(dir, c.Arguments);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s, exit {code}: {c}");
        Assert.True(code == c.ExpectedExit,
            $"{c} exited with {code}, expected {c.ExpectedExit}\n{Tail(stderr)}{Tail(stdout)}");
    }

    private static string Tail(string s) => s.Length <= 2000 ? s : "…" + s[^2000..];
}
