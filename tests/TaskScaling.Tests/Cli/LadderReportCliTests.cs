using System.Text.Json;
using TaskScaling.Tests.Ladder;
using TaskScaling.Tests.Reports;

namespace TaskScaling.Tests.Cli;

/// <summary>`ladder report` end to end: every figure, the page in headless Chromium, the same numbers as `ladder predict --format json`, bad input.</summary>
[Collection("Console")]
public sealed class LadderReportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-report").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Path_(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData("13B-5T")]
    [InlineData("7B-4T")]
    public async Task Report_has_every_figure_and_the_page_shows_the_predicted_numbers(string target)
    {
        var dir = Path_("report-" + target);
        var (code, _, err) = ReportCliRunner.Run("ladder", "report", "--data", _data, "--target", target, "--out", dir);
        Assert.True(code == 0, err);

        // Every figure of the issue: chained, per task step 1 (compute and tokens) and step 2, error vs compute, variance.
        string[] tasks = ["mmlu", "hellaswag", "arc_challenge", "arc_easy", "piqa", "csqa", "socialiqa", "openbookqa"];
        var expected = new List<string> { $"{target}-chained", "compute-error-by-task", "compute-error-by-series", "variance-cv", "variance-sd" };
        foreach (var t in tasks) expected.AddRange([$"{target}-{t}-step1-compute", $"{target}-{t}-step1-tokens", $"{target}-{t}-step2"]);
        // The backtest section: error against extrapolation distance for every predictor.
        string[] predictors = ["auto", "two-step", "single-step", "flops", "direct", "largest-rung", "ensemble"];
        expected.AddRange(predictors.Select(p => $"backtest-error-{p}"));
        foreach (var name in expected)
        {
            var png = File.ReadAllBytes(Path.Combine(dir, name + ".png"));
            Assert.True(png.Length > 5000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name);
            var svg = System.Xml.Linq.XDocument.Load(Path.Combine(dir, name + ".svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
        Assert.Equal(expected.Count * 2 + 2, Directory.GetFiles(dir).Length); // + index.html, report.json

        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("id=\"backtest\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"predictability-{target}\"", html, StringComparison.Ordinal);

        // The same numbers as `ladder predict --format json` for the same options.
        var json = Path_($"predict-{target}.json");
        var (pcode, perr) = ProgramRunner.Run("ladder", "predict", "--variant", "two-step", "--data", _data, "--target", target, "--format", "json", "--out", json);
        Assert.True(pcode == 0, perr);
        var predicted = Assert.Single(JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("targets").EnumerateArray());

        Assert.True(BrowserPage.Available, $"{BrowserPage.Chromium} is needed (Debian package chromium)");
        var page = await BrowserPage.OpenAsync(Path.Combine(dir, "index.html"));
        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.NonFileRequests);
        Assert.Equal(expected.Order(), page.Images.Select(i => Path.GetFileNameWithoutExtension(i.Source)).Order());
        Assert.All(page.Images, i => Assert.True(i.Width > 0 && i.Height > 0, $"{i.Source} did not load"));
        int compared = 0;
        foreach (var t in predicted.GetProperty("tasks").EnumerateArray())
        {
            var task = t.GetProperty("task").GetString();
            foreach (var field in new[] { "predicted", "lower", "upper", "actual", "absoluteError", "predictedLoss", "lossLower", "lossUpper", "actualLoss", "step2Predicted" })
            {
                Assert.Equal(t.GetProperty(field).GetDouble(), page.Values[$"{target}/{task}/{field}"]);
                compared++;
            }
        }
        Assert.Equal(8 * 10, compared);

        // The backtest summary: the numbers of `ladder backtest --format json`, per predictor over all tasks.
        var bt = Path_($"backtest-{target}.json");
        var (bcode, berr) = ProgramRunner.Run("ladder", "backtest", "--data", _data, "--format", "json", "--out", bt);
        Assert.True(bcode == 0, berr);
        int summaries = 0;
        foreach (var s in JsonDocument.Parse(File.ReadAllText(bt)).RootElement.GetProperty("summary").EnumerateArray().Where(s => s.GetProperty("task").GetString() == "all"))
        {
            var name = s.GetProperty("predictor").GetString();
            foreach (var field in new[] { "meanAbsoluteError", "coverage", "meanWidth", "intervalScore" })
                Assert.Equal(s.GetProperty(field).GetDouble(), page.Values[$"backtest/{name}/{field}"]);
            summaries++;
        }
        Assert.Equal(predictors.Length, summaries);

        // Predictability: the ladder's noise and signal per task, as `ladder predict` (auto) reports them.
        var auto = Path_($"auto-{target}.json");
        var (acode, aerr) = ProgramRunner.Run("ladder", "predict", "--data", _data, "--target", target, "--format", "json", "--out", auto);
        Assert.True(acode == 0, aerr);
        foreach (var t in JsonDocument.Parse(File.ReadAllText(auto)).RootElement.GetProperty("targets")[0].GetProperty("tasks").EnumerateArray())
        {
            var task = t.GetProperty("task").GetString();
            foreach (var field in new[] { "noise", "signal" })
                Assert.Equal(t.GetProperty("predictability").GetProperty(field).GetDouble(), page.Values[$"{target}/{task}/predictability/{field}"]);
        }
    }

    [Fact]
    public void Force_replaces_an_earlier_report_and_never_a_users_folder()
    {
        string[] report = ["ladder", "report", "--data", _data, "--target", "13B-5T", "--tasks", "piqa", "--no-analyses", "--out"];
        // The user's folder: refused with or without --force, naming its first entry; nothing lost.
        var mine = Path_("mine");
        Directory.CreateDirectory(Path.Combine(mine, "sub"));
        File.WriteAllText(Path.Combine(mine, "thesis.txt"), "years of work");
        File.WriteAllText(Path.Combine(mine, "sub", "notes.md"), "notes");
        foreach (var force in new[] { Array.Empty<string>(), ["--force"] })
        {
            var (code, _, err) = ReportCliRunner.Run([.. report, mine, .. force]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {mine}: the folder is not empty and holds 'sub/', which no TaskScaling report wrote; "
                + "give a new or empty folder (--force replaces only a report folder)", err.TrimEnd());
        }
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(mine, "thesis.txt")));
        Assert.Equal("notes", File.ReadAllText(Path.Combine(mine, "sub", "notes.md")));
        // The working folder and a folder above it, whatever they hold.
        foreach (var dir in new[] { ".", Path.GetDirectoryName(Directory.GetCurrentDirectory())! })
        {
            var (code, _, err) = ReportCliRunner.Run([.. report, dir, "--force"]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {dir}: is the working folder or a folder above it; give a new folder for the report", err.TrimEnd());
        }

        // An earlier report: refused without --force, replaced with it; a dead writer's leftover goes on the way.
        var existing = Path_("existing");
        var (c1, _, e1) = ReportCliRunner.Run([.. report, existing]);
        Assert.True(c1 == 0, e1);
        (c1, _, e1) = ReportCliRunner.Run([.. report, existing]);
        Assert.Equal(2, c1);
        Assert.Equal($"error: {existing}: the folder holds an earlier report (use --force to replace it)", e1.TrimEnd());
        var stale = Path_($".existing.tmp-{ReportFolderTests.DeadPid()}");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "13B-5T-chained.png"), "half");
        File.WriteAllText(Path.Combine(existing, "13B-5T-chained.png"), "stale figure");
        (c1, _, e1) = ReportCliRunner.Run([.. report, existing, "--force"]);
        Assert.True(c1 == 0, e1);
        Assert.NotEqual("stale figure", File.ReadAllText(Path.Combine(existing, "13B-5T-chained.png")));
        Assert.Equal(["existing", "mine"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_task_or_target_and_unwritable_out_fail_in_one_line_and_leave_nothing()
    {
        var before = Directory.GetFileSystemEntries(_dir).Length;
        foreach (var args in new[]
        {
            new[] { "--tasks", "nosuchtask", "--out", Path_("a") },
            ["--target", "99B-1T", "--out", Path_("b")],
        })
        {
            var (code, _, err) = ReportCliRunner.Run(["ladder", "report", "--data", _data, .. args]);
            Assert.Equal(2, code);
            Assert.StartsWith("error: ", err);
            Assert.Single(err.TrimEnd().Split('\n'));
        }
        // A folder under a regular file cannot be created (running as root, permissions alone would not stop it).
        File.WriteAllText(Path_("file"), "x");
        var (c2, _, e2) = ReportCliRunner.Run("ladder", "report", "--data", _data, "--target", "13B-5T", "--out", Path.Combine(Path_("file"), "out"));
        Assert.Equal(2, c2);
        Assert.StartsWith("error: ", e2);
        Assert.Equal(before + 1, Directory.GetFileSystemEntries(_dir).Length);
        Assert.Empty(Directory.GetDirectories(_dir));
    }
}
