using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Cli;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>Every command's human tables fit a 100-column terminal: each table the command writes, drawn on a
/// console wide enough not to squeeze it, is at most <see cref="NarrowTables.MaxWidth"/> columns wide.</summary>
[Collection("Console")]
public sealed class TableWidthTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("table-width").FullName;
    private static string Data => DataLocation.Resolve();

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "nist", "--data", Path.Combine(DataLocation.Resolve(), "nist-strd") },
        new[] { "ladder", "predict" },
        new[] { "ladder", "predict", "--interval", "none" },
        new[] { "ladder", "step1" },
        new[] { "ladder", "step2" },
        new[] { "ladder", "variance" },
        new[] { "ladder", "compute-vs-error", "--max-subsets", "3" },
        new[] { "ladder", "backtest", "--tasks", "mmlu,arc_easy" },
        new[] { "skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--set", "v2", "--method", "pca-flops" },
        new[] { "skills", "backtest", "--family", "qwen2", "--given", "1", "--set", "v2", "--method", "pca-flops" },
        new[] { "skills", "evaluate", "--set", "v2", "--min-models", "2", "--methods", "pca_d=2,pca_d=1" },
        new[] { "skills", "interpret", "--set", "v1", "--d", "2" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void TablesFitOneHundredColumns(string[] command)
    {
        var tables = new List<Table>();
        CliOutput.Rendered = r => { if (r is Table t) tables.Add(t); };
        try
        {
            var (code, err) = Run([.. command, .. command[0] == "nist" ? [] : new[] { "--data", Data }, "--out", Path.Combine(_dir, "out.txt")]);
            Assert.True(code == 0, err);
        }
        finally { CliOutput.Rendered = null; }
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var widest = Draw(table).Split('\n').Max(l => l.TrimEnd('\r').Length);
            Assert.True(widest <= NarrowTables.MaxWidth, $"{string.Join(' ', command)}: a table is {widest} columns wide:\n{Draw(table)}");
        }
    }

    [Fact]
    public void SplitKeepsEveryColumnOnceAndRepeatsTheKey()
    {
        var columns = Enumerable.Range(1, 30).Select(i => $"column {i}").ToArray();
        string[][] rows = [["1", .. columns.Select(c => c + " value")]];
        var tables = NarrowTables.Split("#", columns, rows).ToList();
        Assert.True(tables.Count > 1);
        var drawn = tables.Select(Draw).ToList();
        Assert.All(drawn, d => Assert.True(d.Split('\n').Max(l => l.Length) <= NarrowTables.MaxWidth, d));
        foreach (var c in columns) Assert.Single(drawn, d => d.Contains(c + " value", StringComparison.Ordinal));
        Assert.All(drawn, d => Assert.StartsWith("│ # ", d.Split('\n')[1], StringComparison.Ordinal));
    }

    private static string Draw(IRenderable r)
    {
        var sw = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(sw), Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        console.Write(r);
        return sw.ToString();
    }
}
