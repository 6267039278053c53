using System.CommandLine;
using TaskScaling.Cli.Commands;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Cli;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Cli;

/// <summary>`taskscaling skills import` end to end, and bad input → one line on stderr, exit 2, nothing written.</summary>
[Collection("Console")]
public sealed class SkillsImportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skills-import-cli").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static string Leaderboard => Path.Combine(DataLocation.Resolve(), "sloth", "open-llm-leaderboard_new.csv");

    /// <summary>Runs `skills import ...` through a command tree holding only this command (the lead registers it under `skills`).</summary>
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand();
        var skills = new Command("skills");
        skills.Subcommands.Add(SkillsImportCommand.Create());
        root.Subcommands.Add(skills);
        var output = new StringWriter(); var err = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(output); Console.SetError(err);
        try { return (root.Parse(["skills", "import", .. args]).Invoke(), output.ToString(), err.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private void AssertRefused(string outPath, (int Code, string Out, string Err) r, params string[] fragments)
    {
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: ", r.Err);
        Assert.Single(r.Err.TrimEnd('\n', '\r').Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, r.Err);
        Assert.False(File.Exists(outPath), "nothing may be written on an error");
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Leaderboard_WritesATableTheSkillsReaderReads()
    {
        var tokens = Write("tokens.csv", "Model,Family,#Params (B),Tokens (T)\nQwen/Qwen2-72B-Instruct,qwen2-instruct,72.7,7\nllama-2-7b,llama-2,7,2\n");
        var outPath = Path.Combine(_dir, "mine.csv");
        var r = Run("--leaderboard", Leaderboard, "--tokens", tokens, "--out", outPath);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("wrote 2 models", r.Out);
        var t = LeaderboardReader.Read(outPath);
        Assert.Equal(["qwen2-72b-instruct", "llama-2-7b"], t.Models);
        Assert.Equal(0.8, t.Score(0, t.BenchmarkIndex("IFEval"))); // "IFEval Raw" of Qwen/Qwen2-72B-Instruct
        Assert.Equal(0.25, t.Score(1, t.BenchmarkIndex("IFEval"))); // meta-llama/Llama-2-7b-hf
        Assert.Equal(6 * 72.7 * 7, t.Flops[0]);
    }

    [Fact]
    public void Leaderboard_CompareWithDataV2_AllCompleteV2RowsAgree()
    {
        // Tokens for every complete v2 row of data_v2 (v2 scores and T present), from data_v2 itself.
        var v2 = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var rows = Enumerable.Range(0, v2.RowCount)
            .Where(i => !double.IsNaN(v2.Tokens[i]) && Enumerable.Range(0, 6).All(j => !double.IsNaN(v2.Score(i, j)))).ToList();
        var tokens = Write("tokens.csv", "Model,Family2,#Params (B),Pretraining Data Size (T)\n" + string.Concat(rows.Select(i =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v2.Models[i]},{v2.Families[i]},{v2.Parameters[i]:R},{v2.Tokens[i]:R}\n"))));
        var dataV2 = Path.Combine(DataLocation.Resolve(), "sloth", "data_v2.csv");
        var outPath = Path.Combine(_dir, "mine.csv");
        var r = Run("--leaderboard", Leaderboard, "--tokens", tokens, "--compare", dataV2, "--out", outPath);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains($"compared on IFEval, BBH, MATH Lvl 5, GPQA, MUSR, MMLU-PRO: {rows.Count} shared models agree exactly, 0 differ, 0 have no reference scores", r.Out);
        Assert.DoesNotContain("differs:", r.Out);
        Assert.Equal(105, rows.Count);
    }

    [Fact]
    public void LmEval_WritesTheMappedScores()
    {
        Write("runs/a/results_2024-07-03T10-00-00.json", """
            {"results": {"leaderboard_bbh": {"acc_norm,none": 0.41}, "leaderboard_mmlu_pro": {"acc,none": 0.2}},
             "config": {"model_args": "pretrained=lab/Tiny-1B", "model_num_parameters": 1000000000}, "date": 1720000000}
            """);
        var meta = Write("meta.csv", "Model,Family,Tokens (T)\nTiny-1B,tiny,2\n");
        var outPath = Path.Combine(_dir, "mine.csv");
        var r = Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", meta, "--out", outPath);
        Assert.True(r.Code == 0, r.Err);
        var t = LeaderboardReader.Read(outPath);
        Assert.Equal(0.41, t.Score(0, t.BenchmarkIndex("BBH")));
        Assert.Equal(0.2, t.Score(0, t.BenchmarkIndex("MMLU-PRO")));
        Assert.Equal(1.0, t.Parameters[0]);
        Assert.Contains("note: tiny-1b: not evaluated on", r.Out);
    }

    [Fact]
    public void BadInput_MalformedLeaderboardCsv_NamesFileLineAndColumn()
    {
        var header = "T,Model,IFEval Raw,BBH Raw,MATH Lvl 5 Raw,GPQA Raw,MUSR Raw,MMLU-PRO Raw,#Params (B)\n";
        var lb = Write("lb.csv", header + "x,org/m-1b,0.1,0.2,0.0,0.25,0.3,0.1,1\nx,org/m-2b,0.1,0.2,abc,0.25,0.3,0.1,2\n");
        var tokens = Write("tokens.csv", "Model,Tokens (T)\nm-1b,1\n");
        var outPath = Path.Combine(_dir, "out.csv");
        AssertRefused(outPath, Run("--leaderboard", lb, "--tokens", tokens, "--out", outPath), "lb.csv", "line 3", "column 'MATH Lvl 5 Raw'");

        var ragged = Write("ragged.csv", header + "x,org/m-1b,0.1,0.2\n");
        AssertRefused(outPath, Run("--leaderboard", ragged, "--tokens", tokens, "--out", outPath), "ragged.csv", "line 2");

        var percent = Write("pct.csv", header + "x,org/m-1b,45.2,0.2,0.0,0.25,0.3,0.1,1\n");
        AssertRefused(outPath, Run("--leaderboard", percent, "--tokens", tokens, "--out", outPath), "column 'IFEval Raw'", "outside [0, 1]");
    }

    [Fact]
    public void BadInput_DuplicateModel_MissingTokens_MissingN()
    {
        var outPath = Path.Combine(_dir, "out.csv");
        var dup = Write("dup.csv", "Model,Tokens (T)\nllama-2-7b,2\nmeta-llama/Llama-2-7b-hf,2\n");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", dup, "--out", outPath), "dup.csv", "line 3", "duplicate model");

        // Missing tokens, size or leaderboard row: errors with --strict (by default skipped, see below).
        var noT = Write("not.csv", "Model,Tokens (T)\nllama-2-7b,\n");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", noT, "--strict", "--out", outPath), "not.csv", "line 2", "missing tokens");

        var noN = Write("non.csv", "Model,Tokens (T)\ngpt2,0.04\n");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", noN, "--strict", "--out", outPath), "non.csv", "line 2", "missing N");

        var absent = Write("absent.csv", "Model,Tokens (T)\nno-such-model-7b,2\n");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", absent, "--strict", "--out", outPath), "absent.csv", "line 2", "has no row");
    }

    [Fact]
    public void ByDefaultModelsWithoutTokensSizeOrRowAreSkippedWithOneNoteEach()
    {
        var outPath = Path.Combine(_dir, "out.csv");
        var mixed = Write("mixed.csv", "Model,Tokens (T)\nllama-2-7b,\ngpt2,0.04\nno-such-model-7b,2\nmeta-llama/Llama-2-13b-hf,2\n");
        var (code, output, err) = Run("--leaderboard", Leaderboard, "--tokens", mixed, "--out", outPath);
        Assert.True(code == 0, err);
        Assert.Contains("wrote 1 models", output);
        Assert.Contains($"note: skipped 1 model(s) without tokens in {mixed} (llama-2-7b); --strict makes this an error", output);
        Assert.Contains("note: skipped 1 model(s) without a size (no '#Params (B)' in either file) (gpt2); --strict makes this an error", output);
        Assert.Contains("(no-such-model-7b); --strict makes this an error", output);
    }

    [Fact]
    public void TheShippedLeaderboardWithDataV2AsTokensReproducesIts105CompleteV2Rows()
    {
        // No hand-filtering: models of data_v2 without tokens or a leaderboard row are skipped with a note.
        var dataV2 = Path.Combine(DataLocation.Resolve(), "sloth", "data_v2.csv");
        var (code, output, err) = Run("--leaderboard", Leaderboard, "--tokens", dataV2, "--compare", dataV2, "--out", Path.Combine(_dir, "v2.csv"));
        Assert.True(code == 0, err);
        Assert.Contains("105 shared models agree exactly, 0 differ", output);
        Assert.Contains("note: skipped 13 model(s) without tokens", output);
    }

    [Fact]
    public void BadInput_LmEval_MetadataRowWithoutResults_MalformedJson_MissingRoute()
    {
        Write("runs/a/results_2024-07-03T10-00-00.json", """
            {"results": {"leaderboard_bbh": {"acc_norm,none": 0.41}}, "config": {"model_args": "pretrained=lab/Tiny-1B"}}
            """);
        var outPath = Path.Combine(_dir, "out.csv");
        var meta = Write("meta.csv", "Model,Family,#Params (B),Tokens (T)\nTiny-1B,tiny,1,2\nTiny-9B,tiny,9,2\n");
        AssertRefused(outPath, Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", meta, "--out", outPath),
            "meta.csv", "line 3", "no lm-eval results for 'Tiny-9B'");

        var noN = Write("meta2.csv", "Model,Family,Tokens (T)\nTiny-1B,tiny,2\n");
        AssertRefused(outPath, Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", noN, "--out", outPath), "missing N");

        Write("runs/b/results_2024-07-04T10-00-00.json", "{\"results\": {\"x\": {\"acc,none\": 0.4,}}");
        AssertRefused(outPath, Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", meta, "--out", outPath), "results_2024-07-04T10-00-00.json", "malformed JSON");

        AssertRefused(outPath, Run("--tokens", meta, "--out", outPath), "--leaderboard");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", meta, "--metadata", meta, "--out", outPath), "not both");
    }
}
