using System.Text.Json;
using TaskScaling.Tests.Ladder;
using TaskScaling.Tests.Reports;

namespace TaskScaling.Tests.Cli;

/// <summary>`skills report` end to end: every figure, the page in headless Chromium, the loadings of `skills fit --format json`, bad input.</summary>
[Collection("Console")]
public sealed class SkillsReportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-report").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Report_has_every_figure_and_the_page_shows_the_fits_loadings()
    {
        var dir = Path.Combine(_dir, "report");
        var eval = Path.Combine(_dir, "eval.json");
        File.WriteAllText(eval, """{"settings":[{"set":"v1","minModels":2,"methods":[{"name":"pca_d=1","mae":7.5},{"name":"pca_d=2","mae":6.5}]}]}""");
        var (code, _, err) = ReportCliRunner.Run("skills", "report", "--data", _data, "--d", "3", "--evaluation", eval, "--out", dir);
        Assert.True(code == 0, err);
        string[] expected = ["skills-loadings", "skills-correlation", "skills-evaluation",
            "link-MMLU", "link-ARC", "link-HellaSwag", "link-Winogrande", "link-TruthfulQA", "link-GSM8K"];
        foreach (var name in expected)
        {
            var png = File.ReadAllBytes(Path.Combine(dir, name + ".png"));
            Assert.True(png.Length > 5000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name);
            Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(dir, name + ".svg")).Root!.Name.LocalName);
        }

        // report.json marks the folder as a report (so --force may replace it): it lists exactly what is there.
        Assert.Equal(Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            TaskScaling.Reports.ReportMarker.Read(dir)!.Order(StringComparer.Ordinal));

        var fitJson = Path.Combine(_dir, "fit.json");
        var err2 = new StringWriter();
        var old = Console.Error;
        Console.SetError(err2);
        int fcode;
        try { fcode = TaskScaling.Cli.Program.Run(["skills", "interpret", "--data", _data, "--d", "3", "--format", "json", "--out", fitJson]); }
        finally { Console.SetError(old); }
        Assert.True(fcode == 0, err2.ToString());
        var loadings = JsonDocument.Parse(File.ReadAllText(fitJson)).RootElement.GetProperty("loadings");

        Assert.True(BrowserPage.Available, $"{BrowserPage.Chromium} is needed (Debian package chromium)");
        var page = await BrowserPage.OpenAsync(Path.Combine(dir, "index.html"));
        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.NonFileRequests);
        Assert.Equal(expected.Order(), page.Images.Select(i => Path.GetFileNameWithoutExtension(i.Source)).Order());
        Assert.All(page.Images, i => Assert.True(i.Width > 0 && i.Height > 0, $"{i.Source} did not load"));
        int compared = 0;
        foreach (var b in loadings.EnumerateObject())
        {
            var values = b.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int k = 0; k < values.Length; k++, compared++)
                Assert.Equal(values[k], page.Values[$"loading/{b.Name}/{k + 1}"]);
        }
        Assert.Equal(12 * 3, compared);
    }

    [Fact]
    public void Force_never_replaces_a_users_folder_nor_the_working_folder()
    {
        var mine = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(Path.Combine(mine, "sub"));
        File.WriteAllText(Path.Combine(mine, "thesis.txt"), "years of work");
        File.WriteAllText(Path.Combine(mine, "sub", "notes.md"), "notes");
        foreach (var (dir, problem) in new[]
        {
            (mine, "the folder is not empty and holds 'sub/', which no TaskScaling report wrote; give a new or empty folder (--force replaces only a report folder)"),
            (".", "is the working folder or a folder above it; give a new folder for the report"),
        })
        {
            var (code, _, err) = ReportCliRunner.Run("skills", "report", "--data", _data, "--d", "3", "--out", dir, "--force");
            Assert.Equal(2, code);
            Assert.Equal($"error: {dir}: {problem}", err.TrimEnd());
        }
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(mine, "thesis.txt")));
        Assert.Equal("notes", File.ReadAllText(Path.Combine(mine, "sub", "notes.md")));
        Assert.Equal(["mine"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Unknown_family_and_bad_evaluation_file_fail_in_one_line_and_leave_nothing()
    {
        foreach (var args in new[]
        {
            new[] { "--family", "no-such-family" },
            ["--evaluation", Path.Combine(_dir, "missing.json")],
            ["--d", "1"],
        })
        {
            var (code, _, err) = ReportCliRunner.Run(["skills", "report", "--data", _data, .. args, "--out", Path.Combine(_dir, "out")]);
            Assert.Equal(2, code);
            Assert.StartsWith("error: ", err);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.Empty(Directory.GetFileSystemEntries(_dir));
        }
    }
}
