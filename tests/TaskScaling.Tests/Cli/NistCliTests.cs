using System.Text.Json;
using TaskScaling.Cli;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`taskscaling nist` end to end: JSON keys, the table, and bad input (exit code 2, one line naming file and line).</summary>
[Collection("Console")]
public sealed class NistCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nist-cli").FullName;
    private static string NistFolder => Path.Combine(DataLocation.Resolve(), "nist-strd");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void JsonHasOneRunPerProblemAndStartWithTheIssueKeys()
    {
        var outPath = Path.Combine(_dir, "nist.json");
        var (code, err) = Run("nist", "--data", NistFolder, "--format", "json", "--out", outPath);
        Assert.True(code == 0, err);
        var doc = JsonDocument.Parse(File.ReadAllText(outPath)).RootElement;
        var runs = doc.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(54, runs.Length);
        foreach (var r in runs)
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("problem").GetString()));
            Assert.InRange(r.GetProperty("start").GetInt32(), 1, 2);
            Assert.InRange(r.GetProperty("paramLre").GetDouble(), 4, 11);
            Assert.InRange(r.GetProperty("residualSdLre").GetDouble(), 0, 11);
            Assert.InRange(r.GetProperty("stdErrLre").GetDouble(), 0, 11);
        }
        Assert.True(doc.GetProperty("summary").GetProperty("meetsAcceptance").GetBoolean());
    }

    [Fact]
    public void TableNamesEveryProblemAndEndsWithTheSummary()
    {
        var outPath = Path.Combine(_dir, "nist.txt");
        Assert.Equal(0, Run("nist", "--data", NistFolder, "--out", outPath).Code);
        var text = File.ReadAllText(outPath);
        foreach (var f in Directory.GetFiles(NistFolder, "*.dat")) Assert.Contains(Path.GetFileNameWithoutExtension(f), text);
        Assert.Contains("54 runs: parameter LRE ≥ 6 on", text);
    }

    [Fact]
    public void MissingFolderExitsWithTwoAndOneLine()
    {
        var bad = Path.Combine(_dir, "no-such-folder");
        var (code, err) = Run("nist", "--data", bad);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains(bad, err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void TruncatedFileExitsWithTwoNamingFileAndLine()
    {
        var lines = File.ReadAllLines(Path.Combine(NistFolder, "Misra1a.dat"));
        var path = Path.Combine(_dir, "Misra1a.dat");
        File.WriteAllLines(path, lines.Take(70));
        var outPath = Path.Combine(_dir, "out.json");
        var (code, err) = Run("nist", "--data", _dir, "--format", "json", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains(path, err);
        Assert.Contains("line 70", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void NonNumericCellExitsWithTwoNamingFileLineAndColumn()
    {
        var lines = File.ReadAllLines(Path.Combine(NistFolder, "Misra1a.dat"));
        lines[64] = "      10.07E0      abc";
        File.WriteAllLines(Path.Combine(_dir, "Misra1a.dat"), lines);
        var (code, err) = Run("nist", "--data", _dir);
        Assert.Equal(2, code);
        Assert.Contains("Misra1a.dat, line 65, column 'x'", err);
        Assert.Contains("'abc'", err);
    }
}
