using System.Diagnostics;
using System.Text;
using TaskScaling.Data.Internals;
using TaskScaling.Reports;

namespace TaskScaling.Tests.Reports;

/// <summary>
/// <see cref="ReportFolder"/> with trivial fills: whole or nothing, and never a user's file lost — --force replaces
/// only a folder its report.json marks as a report, the working folder and above are refused, stale temporaries go.
/// </summary>
public sealed class ReportFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reports-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Out => Path.Combine(_root, "out");

    /// <summary>A fill that writes <paramref name="names"/> (text = name) and a report.json marker listing them.</summary>
    private static Action<string> Report(params string[] names) => dir =>
    {
        foreach (var n in names) File.WriteAllText(Path.Combine(dir, n), n);
        var files = string.Join(", ", names.Append("report.json").Select(n => $"\"{n}\""));
        File.WriteAllText(Path.Combine(dir, "report.json"),
            $$"""{ "tool": "taskscaling", "version": "0.1.0", "kind": "ladder-report", "files": [{{files}}], "numbers": [1, 2] }""", Encoding.UTF8);
    };

    private static string[] Names(string dir) => Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void An_earlier_report_needs_force_and_failures_leave_the_previous_report()
    {
        ReportFolder.Write(Out, false, Report("a.txt"));
        Assert.Equal(["a.txt", "report.json"], Names(Out));
        var e = Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(Out, false, Report("b.txt")));
        Assert.Contains("earlier report (use --force", e.Message);
        ReportFolder.Write(Out, true, Report("b.txt"));
        Assert.Equal(["b.txt", "report.json"], Names(Out));
        // A failure half-way leaves the previous report and no temporary folder.
        Assert.Throws<InvalidOperationException>(() => ReportFolder.Write(Out, true, d =>
        {
            File.WriteAllText(Path.Combine(d, "c.txt"), "3");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(["b.txt", "report.json"], Names(Out));
        Assert.Equal(["out"], Names(_root));
        // A report.json that does not list every file written is a bug of the report, caught before anything moves.
        Assert.Throws<InvalidOperationException>(() => ReportFolder.Write(Out, true, d => { Report("d.txt")(d); File.WriteAllText(Path.Combine(d, "e.txt"), "e"); }));
        Assert.Equal(["b.txt", "report.json"], Names(Out));
        Assert.Equal(["out"], Names(_root));
        // A folder under a file cannot be written.
        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(Path.Combine(file, "out"), false, _ => { }));
    }

    [Fact]
    public void Force_never_deletes_a_folder_holding_anything_a_report_did_not_write()
    {
        Directory.CreateDirectory(Path.Combine(Out, "sub"));
        File.WriteAllText(Path.Combine(Out, "thesis.txt"), "years of work");
        File.WriteAllText(Path.Combine(Out, "sub", "notes.md"), "notes");
        foreach (var force in new[] { false, true })
        {
            var e = Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(Out, force, Report("a.txt")));
            Assert.Contains("holds 'sub/', which no TaskScaling report wrote", e.Message);   // the first entry, in ordinal order
            Assert.DoesNotContain('\n', e.Message);
        }
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(Out, "thesis.txt")));
        Assert.Equal("notes", File.ReadAllText(Path.Combine(Out, "sub", "notes.md")));
        Assert.Equal(["out"], Names(_root));

        // A report the user added a file to is no longer only a report.
        var report = Path.Combine(_root, "report");
        ReportFolder.Write(report, false, Report("a.png"));
        File.WriteAllText(Path.Combine(report, "thesis.txt"), "mine");
        var e2 = Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(report, true, Report("b.png")));
        Assert.Contains("'thesis.txt'", e2.Message);
        Assert.Equal(["a.png", "report.json", "thesis.txt"], Names(report));

        // A report.json that is not the marker (another tool's, or ours with the marker not first) marks nothing.
        var other = Path.Combine(_root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "report.json"), """{ "numbers": [1], "tool": "taskscaling", "kind": "ladder-report", "files": ["report.json"] }""");
        Assert.Contains("'report.json'", Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(other, true, Report("a.png"))).Message);

        // An empty folder is fine without --force.
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        ReportFolder.Write(empty, false, Report("a.png"));
        Assert.Equal(["a.png", "report.json"], Names(empty));
    }

    [Fact]
    public void A_file_added_while_the_report_is_drawn_stops_the_replacement()
    {
        ReportFolder.Write(Out, false, Report("a.txt"));
        var e = Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(Out, true, d =>
        {
            File.WriteAllText(Path.Combine(Out, "late.txt"), "written meanwhile");
            Report("b.txt")(d);
        }));
        Assert.Contains("'late.txt'", e.Message);
        Assert.Equal(["a.txt", "late.txt", "report.json"], Names(Out));
        Assert.Equal(["out"], Names(_root));
    }

    [Fact]
    public void The_working_folder_a_folder_above_it_and_a_link_are_refused()
    {
        var cwd = Directory.GetCurrentDirectory();
        var before = Names(cwd);
        foreach (var dir in new[] { ".", "./", cwd, Path.GetDirectoryName(cwd)!, ".." })
        {
            var e = Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(dir, true, Report("a.txt")));
            Assert.Equal($"{dir}: is the working folder or a folder above it; give a new folder for the report", e.Message);
        }
        Assert.Equal(before, Names(cwd));
        if (OperatingSystem.IsWindows()) return;
        var target = Path.Combine(_root, "target");
        ReportFolder.Write(target, false, Report("a.txt"));
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, target);
        Assert.Contains("is a symbolic link", Assert.Throws<InvalidRequestException>(() => ReportFolder.Write(link, true, Report("b.txt"))).Message);
        Assert.Equal(["a.txt", "report.json"], Names(target));
        Assert.Equal(FileType.SymbolicLink, FileKind.Of(link, followLinks: false));
    }

    [Fact]
    public void Temporaries_of_dead_writers_are_removed_and_those_of_running_ones_kept()
    {
        if (OperatingSystem.IsWindows()) return;
        int dead = DeadPid();
        using var live = Process.Start("sleep", "60")!;
        try
        {
            string[] stale = [$".out.tmp-{dead}", $".out.old-{dead}"];
            string[] kept = [$".out.tmp-{live.Id}", $".out.tmp-0{dead}", $".out.tmp-{dead}x", $".other.tmp-{dead}", $".out.old-{Environment.ProcessId}"];
            foreach (var name in stale.Concat(kept))
            {
                Directory.CreateDirectory(Path.Combine(_root, name));
                File.WriteAllText(Path.Combine(_root, name, "half.png"), "half");
            }
            // A link with a stale name is not followed: the folder it names keeps its files.
            var elsewhere = Path.Combine(_root, "elsewhere");
            Directory.CreateDirectory(elsewhere);
            File.WriteAllText(Path.Combine(elsewhere, "keep.txt"), "k");
            int dead2 = DeadPid();
            Directory.CreateSymbolicLink(Path.Combine(_root, $".out.tmp-{dead2}"), elsewhere);

            ReportFolder.Write(Out, false, Report("a.txt"));
            var names = Names(_root);
            Assert.All(stale, s => Assert.DoesNotContain(s, names));
            Assert.All(kept, k => Assert.Contains(k, names));
            Assert.Contains($".out.tmp-{dead2}", names);
            Assert.Equal(["keep.txt"], Names(elsewhere));
        }
        finally { live.Kill(); live.WaitForExit(); }
    }

    [Fact]
    public void The_marker_is_read_from_the_start_of_report_json_only()
    {
        var marker = """{ "tool": "taskscaling", "version": "0.1.0", "kind": "skills-report", "files": ["a.png", "report.json"], "big": [1, 2"""u8.ToArray();
        Assert.Equal(["a.png", "report.json"], ReportMarker.Parse(marker, isFinalBlock: false)!.Order(StringComparer.Ordinal));
        Assert.Null(ReportMarker.Parse(marker[..40], isFinalBlock: false));   // cut inside the marker
        Assert.Null(ReportMarker.Parse("""{ "tool": "other", "kind": "x", "files": [] }"""u8, isFinalBlock: true));
        Assert.Null(ReportMarker.Parse("""{ "tool": "taskscaling", "files": [] }"""u8, isFinalBlock: true));
        Assert.Null(ReportMarker.Parse("""{ "tool": "taskscaling", "kind": "x", "files": [1] }"""u8, isFinalBlock: true));
        Assert.Null(ReportMarker.Parse("not json"u8, isFinalBlock: true));
    }

    /// <summary>The id of a process that has exited (the kernel does not reuse it this soon).</summary>
    internal static int DeadPid()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();
        Assert.False(StaleTemporaries.IsRunning(p.Id));
        return p.Id;
    }
}
