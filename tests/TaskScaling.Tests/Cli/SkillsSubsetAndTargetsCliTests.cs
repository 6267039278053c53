using System.Text;
using System.Text.Json;
using TaskScaling.Cli;
using TaskScaling.Data;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>
/// `skills fit|predict` on a table that lacks benchmarks of the set (named, with the --benchmarks that leaves them out),
/// --benchmarks (a validated subset, in the given order), and `skills predict --targets FILE` (many models, one output).
/// </summary>
[Collection("Console")]
public sealed class SkillsSubsetAndTargetsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-subset").FullName;
    private static string Data => DataLocation.Resolve();
    private string Out(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, true);

    private static void AssertOneLineError(int code, string err, params string[] fragments)
    {
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd('\n', '\r').Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, err);
    }

    /// <summary>data_v2.csv without the columns <paramref name="drop"/>, and with the cells of <paramref name="blank"/> emptied.</summary>
    private string Table(string name, string[] drop, string[] blank)
    {
        var csv = CsvTable.Load(Path.Combine(Data, "sloth", "data_v2.csv"));
        var keep = Enumerable.Range(0, csv.Header.Count).Where(j => !drop.Contains(csv.Header[j])).ToArray();
        var sb = new StringBuilder(CsvWriter.Line(keep.Select(j => csv.Header[j])) + "\n");
        foreach (var row in csv.Rows) sb.Append(CsvWriter.Line(keep.Select(j => blank.Contains(csv.Header[j]) ? "" : row[j])) + "\n");
        var path = Out(name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void ATableLackingBenchmarksOfTheSetNamesThemAndTheSubsetThatWorks()
    {
        var noColumns = Table("no-gpqa-musr.csv", ["GPQA", "MUSR"], []);
        foreach (var command in new[] { "fit", "predict", "evaluate" })
        {
            string[] target = command == "predict" ? ["--family", "qwen2", "--params", "7B", "--tokens", "7T"] : [];
            var (code, err) = Run(["skills", command, .. target, "--set", "v2", "--table", noColumns]);
            AssertOneLineError(code, err, noColumns, "lacks 2 of the 6 benchmarks of set 'v2': GPQA, MUSR (no column)",
                "fit on the others with --benchmarks \"IFEval,BBH,MATH Lvl 5,MMLU-PRO\" (skills fit, interpret, predict)");
        }
        var emptyColumn = Table("empty-musr.csv", [], ["MUSR"]);
        var (c2, e2) = Run("skills", "fit", "--table", emptyColumn);
        AssertOneLineError(c2, e2, emptyColumn, "lacks 1 of the 12 benchmarks of set 'interpretation': MUSR (no score on any row)");
    }

    [Fact]
    public void BenchmarksAreValidatedAndRefusedWithSet()
    {
        var (code, err) = Run("skills", "fit", "--benchmarks", "IFEval,BHH", "--data", Data);
        AssertOneLineError(code, err, "unknown benchmark 'BHH' (did you mean 'BBH'?)");
        (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "7B", "--tokens", "7T", "--benchmarks", "BBH,bbh", "--data", Data);
        AssertOneLineError(code, err, "benchmark 'BBH' is given twice");
        (code, err) = Run("skills", "fit", "--benchmarks", "BBH,GPQA", "--set", "v2", "--data", Data);
        AssertOneLineError(code, err, "give --benchmarks or --set, not both");
    }

    [Fact]
    public void FitAndPredictOnASubsetOfATableThatLacksTheOthers()
    {
        var table = Table("no-gpqa-musr.csv", ["GPQA", "MUSR"], []);
        // interpret is fit's first stage with the same options; the order of the output is the order given.
        var (code, err) = Run("skills", "interpret", "--benchmarks", "MMLU-PRO,IFEval,bbh,MATH Lvl 5", "--d", "1", "--table", table, "--format", "json", "--out", Out("fit.json"));
        Assert.True(code == 0, err);
        var fit = JsonDocument.Parse(File.ReadAllText(Out("fit.json"))).RootElement;
        Assert.Equal(["MMLU-PRO", "IFEval", "BBH", "MATH Lvl 5"], fit.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetString()));

        (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--tokens", "7T", "--benchmarks", "IFEval,BBH", "--method", "sloth-basic",
            "--d", "1", "--seeds", "2", "--table", table, "--format", "json", "--out", Out("p.json"));
        Assert.True(code == 0, err);
        var t = Assert.Single(JsonDocument.Parse(File.ReadAllText(Out("p.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(["IFEval", "BBH"], t.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("benchmark").GetString()));
    }

    private static readonly string[] Quick = ["--set", "v2", "--method", "sloth-basic", "--d", "2", "--seeds", "2"];

    private static string[] Cells(JsonElement target) => target.GetProperty("predictions").EnumerateArray()
        .Select(p => $"{p.GetProperty("score").GetDouble():R} {p.GetProperty("lower").GetDouble():R} {p.GetProperty("upper").GetDouble():R}").ToArray();

    [Fact]
    public void TargetsFilePredictsEveryRowAsASingleRunWould()
    {
        var targets = Out("targets.csv");
        File.WriteAllText(targets, "Family,Params,Tokens\nqwen2,72B,7T\nmeta-llama-3,8B,15T\nqwen2,30000000000,7e12\n");
        var (code, err) = Run(["skills", "predict", "--targets", targets, .. Quick, "--format", "json", "--out", Out("many.json"), "--data", Data]);
        Assert.True(code == 0, err);
        var many = JsonDocument.Parse(File.ReadAllText(Out("many.json"))).RootElement.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(["qwen2", "meta-llama-3", "qwen2"], many.Select(t => t.GetProperty("family").GetString()));
        Assert.Equal([72e9, 8e9, 30e9], many.Select(t => t.GetProperty("params").GetDouble()));
        Assert.Equal("qwen2-72b", many[0].GetProperty("inTable").GetString());

        // The third row (predicted from qwen2's ensemble of the first row) is what a run for it alone gives.
        (code, err) = Run(["skills", "predict", "--family", "qwen2", "--params", "30B", "--tokens", "7T", .. Quick, "--format", "json", "--out", Out("one.json"), "--data", Data]);
        Assert.True(code == 0, err);
        var one = Assert.Single(JsonDocument.Parse(File.ReadAllText(Out("one.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(Cells(one), Cells(many[2]));
        Assert.Equal(6, Cells(one).Length);

        (code, err) = Run(["skills", "predict", "--targets", targets, .. Quick, "--out", Out("many.csv"), "--data", Data]);
        Assert.True(code == 0, err);
        var csv = CsvTable.Load(Out("many.csv"));
        Assert.Equal(["family", "params", "tokens", "benchmark", "score", "lower", "upper", "actual"], csv.Header);
        Assert.Equal(18, csv.RowCount);
        Assert.Equal("8000000000", csv.Cell(6, "params"));
    }

    [Fact]
    public void TargetsMistakes()
    {
        var targets = Out("t.csv");
        File.WriteAllText(targets, "family,params,tokens\nqwen2,72B,7T\n");
        var (code, err) = Run("skills", "predict", "--targets", targets, "--family", "qwen2", "--data", Data);
        AssertOneLineError(code, err, "--family cannot be used with --targets");
        (code, err) = Run("skills", "predict", "--family", "qwen2", "--params", "72B", "--data", Data);
        AssertOneLineError(code, err, "--tokens is required (or --targets FILE for many models)");
        var bare = Out("bare.csv");
        File.WriteAllText(bare, "family,params,tokens\nqwen2,72B,7T\nqwen2,70,7T\n");
        (code, err) = Run("skills", "predict", "--targets", bare, "--data", Data);
        AssertOneLineError(code, err, "bare.csv, line 3, column 'params': a bare 70 is ambiguous");
        var noTokens = Out("notokens.csv");
        File.WriteAllText(noTokens, "family,params\nqwen2,72B\n");
        (code, err) = Run("skills", "predict", "--targets", noTokens, "--data", Data);
        AssertOneLineError(code, err, "notokens.csv, line 1: expected a column 'tokens'");
    }
}
