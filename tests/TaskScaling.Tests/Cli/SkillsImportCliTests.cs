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

    [Fact]
    public void TheShippedTokensCsvWithoutAnyTokensIsAnErrorThatSaysWhy()
    {
        var tokens = Path.Combine(DataLocation.Resolve(), "sloth", "tokens.csv");
        var outPath = Path.Combine(_dir, "out.csv");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", tokens, "--out", outPath),
            tokens, "column 'Pretraining Data Size (T)'", "no row has tokens (the column is empty on all 42 rows)", "sloth/data_v2.csv");
    }

    [Fact]
    public void AnImportOfNoModelIsAnErrorNamingTheSkips()
    {
        var outPath = Path.Combine(_dir, "out.csv");
        var absent = Write("absent.csv", "Model,Tokens (T)\nno-such-model-7b,2\nllama-2-7b,\n");
        AssertRefused(outPath, Run("--leaderboard", Leaderboard, "--tokens", absent, "--out", outPath),
            "no model to import, nothing written", "skipped 1 model(s) without a row in", "(no-such-model-7b)", "skipped 1 model(s) without tokens");
    }

    private const string TinyResults = """
        {"results": {"leaderboard_bbh": {"acc_norm,none": 0.41}}, "config": {"model_args": "pretrained=lab/Tiny-1B", "model_num_parameters": 1000000000}}
        """;

    [Fact]
    public void LmEval_TakesAnyJsonThatIsAResultsFile_AndNamesTheOthers()
    {
        Write("runs/tiny/my-run.json", TinyResults);
        Write("runs/tiny/notes.json", """{"comment": "not results"}""");
        Write("runs/broken.json", "{\"results\": ");
        var meta = Write("meta.csv", "Model,Family,Tokens (T)\nTiny-1B,tiny,2\n");
        var outPath = Path.Combine(_dir, "mine.csv");
        var (code, output, err) = Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", meta, "--out", outPath);
        Assert.True(code == 0, err);
        Assert.Equal(0.41, LeaderboardReader.Read(outPath).Score(0, BenchmarkSets.All.ToList().IndexOf("BBH")));
        Assert.Contains($"note: {Path.Combine(_dir, "runs")}: ignored 2 JSON file(s) that are not lm-eval results files (broken.json, {Path.Combine("tiny", "notes.json")})", output);

        // A folder with no results file names what it found.
        File.Delete(outPath);
        Directory.Delete(Path.Combine(_dir, "runs", "tiny"), true);
        AssertRefused(outPath, Run("--lm-eval", Path.Combine(_dir, "runs"), "--metadata", meta, "--out", outPath),
            "no lm-eval results file", "not results files: broken.json");
    }

    [Fact]
    public void FlattenedLeaderboardCsv_ReadsTheV2ColumnsThroughTheBuiltInMap()
    {
        var flat = Write("flat.csv",
            "model_name,leaderboard_bbh_acc_norm_none,leaderboard_bbh_acc_norm_stderr_none,leaderboard_ifeval_prompt_level_strict_acc_none," +
            "leaderboard_ifeval_inst_level_strict_acc_none,leaderboard_ifeval_alias,leaderboard_math_hard_exact_match_none," +
            "leaderboard_mmlu_pro_acc_none,leaderboard_gpqa_acc_norm_none,leaderboard_musr_acc_norm_none\n" +
            "lab/Tiny-1B,0.41,N/A,0.2,0.3, - leaderboard_ifeval,0.05,0.15,0.26,0.35\n" +
            "lab/Tiny-3B,0.45,0.01,0.3,0.4, - leaderboard_ifeval,,0.2,0.27,0.36\n");
        var meta = Write("meta.csv", "Model,Family,#Params (B),Tokens (T)\nTiny-1B,tiny,1,2\nlab/Tiny-3B,tiny,3,2\n");
        var outPath = Path.Combine(_dir, "mine.csv");
        foreach (var route in new[] { "--results-csv", "--leaderboard" })   // detected when given as --leaderboard
        {
            var (code, output, err) = Run(route, flat, route == "--leaderboard" ? "--tokens" : "--metadata", meta, "--out", outPath);
            Assert.True(code == 0, err);
            Assert.Contains("wrote 2 models", output);
            var t = LeaderboardReader.Read(outPath);
            Assert.Equal(0.41, t.Score(0, t.BenchmarkIndex("BBH")));
            Assert.Equal((0.2 + 0.3) / 2, t.Score(0, t.BenchmarkIndex("IFEval")));   // mean of prompt- and instruction-level strict accuracy
            Assert.Equal(0.36, t.Score(1, t.BenchmarkIndex("MUSR")));
            Assert.True(double.IsNaN(t.Score(1, t.BenchmarkIndex("MATH Lvl 5"))));   // empty cell: not evaluated
            Assert.Contains("note: tiny-3b: not evaluated on", output);
            File.Delete(outPath);
        }

        var bad = Write("bad.csv", "Model,leaderboard_bbh_acc_norm_none\nlab/Tiny-1B,0.41\nlab/Tiny-3B,abc\n");
        AssertRefused(outPath, Run("--results-csv", bad, "--metadata", meta, "--out", outPath), "bad.csv", "line 3", "column 'leaderboard_bbh_acc_norm_none'", "expected a number");
        var noModel = Write("nomodel.csv", "name,leaderboard_bbh_acc_norm_none\nx,0.41\n");
        AssertRefused(outPath, Run("--results-csv", noModel, "--metadata", meta, "--out", outPath), "nomodel.csv", "no model column");
        AssertRefused(outPath, Run("--results-csv", flat, "--lm-eval", _dir, "--metadata", meta, "--out", outPath), "give one of --leaderboard, --results-csv and --lm-eval");
    }

    /// <summary>
    /// The acceptance of issue 17: the shipped lm-eval results (v0.4 layout) flattened into one CSV, as results are shared,
    /// import to the same table as the JSON files themselves. The files hold no leaderboard_* task, so a map names
    /// GSM8K's task; MMLU is read as its group's value, since a flattened file has no group structure.
    /// </summary>
    [Fact]
    public void AFlattenedCsvOfTheShippedLmEvalFilesImportsToTheSameTableAsTheJsonFiles()
    {
        var folder = Path.Combine(DataLocation.Resolve(), "formats", "lm-eval-v0.4");
        var columns = new List<string> { "model_name", "model_num_parameters" };
        var rows = new List<Dictionary<string, string>>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            var config = root.GetProperty("config");
            var model = root.TryGetProperty("model_name", out var mn) ? mn.GetString()!
                : config.GetProperty("model_args").GetString()!.Split(',').First(a => a.StartsWith("pretrained=", StringComparison.Ordinal))["pretrained=".Length..];
            var row = new Dictionary<string, string> { ["model_name"] = model };
            if (config.TryGetProperty("model_num_parameters", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.Number) row["model_num_parameters"] = n.GetRawText();
            foreach (var task in root.GetProperty("results").EnumerateObject())
                foreach (var metric in task.Value.EnumerateObject().Where(m => m.Name.Contains(',')))
                {
                    var header = $"{task.Name}_{metric.Name.Replace(',', '_')}";   // "acc_norm,none" → "acc_norm_none"
                    if (!columns.Contains(header)) columns.Add(header);
                    row[header] = metric.Value.ValueKind == System.Text.Json.JsonValueKind.Number ? metric.Value.GetRawText() : metric.Value.ToString();
                }
            rows.Add(row);
        }
        Assert.Equal(3, rows.Count);
        var flat = Write("flat.csv", string.Concat(new[] { TaskScaling.Data.CsvWriter.Line(columns) + "\n" }
            .Concat(rows.Select(r => TaskScaling.Data.CsvWriter.Line(columns.Select(c => r.GetValueOrDefault(c, ""))) + "\n"))));
        var map = Write("map.json", """
            [{"benchmark": "GSM8K", "task": "gsm8k_cot_llama", "metric": "exact_match,strict-match"},
             {"benchmark": "MMLU", "task": "mmlu", "metric": "acc", "aggregate": "value"}]
            """);
        var meta = Write("meta.csv", "Model,Family,#Params (B),Tokens (T)\nQwen/Qwen2.5-1.5B,qwen2.5,,18\nmeta-llama/Meta-Llama-3-8B-Instruct,llama-3-instruct,8,15\n");

        var (code, output, err) = Run("--lm-eval", folder, "--metadata", meta, "--map", map, "--out", Path.Combine(_dir, "json.csv"));
        Assert.True(code == 0, err);
        Assert.Contains("wrote 2 models", output);
        (code, output, err) = Run("--results-csv", flat, "--metadata", meta, "--map", map, "--out", Path.Combine(_dir, "flat-import.csv"));
        Assert.True(code == 0, err);
        Assert.Contains("wrote 2 models", output);
        var fromJson = File.ReadAllText(Path.Combine(_dir, "json.csv"));
        Assert.Equal(fromJson, File.ReadAllText(Path.Combine(_dir, "flat-import.csv")));

        // And the table holds what the files hold: four benchmarks of Qwen2.5-1.5B (size from model_num_parameters), GSM8K of Llama-3.
        var t = LeaderboardReader.Read(Path.Combine(_dir, "json.csv"));
        Assert.Equal(0.45307167235494883, t.Score(0, t.BenchmarkIndex("ARC")));
        Assert.Equal(1.543714304, t.Parameters[0]);
        Assert.Equal(4, Enumerable.Range(0, 12).Count(j => !double.IsNaN(t.Score(0, j))));   // ARC, HellaSwag, Winogrande, MMLU
        Assert.Equal(0.7725549658832449, t.Score(1, t.BenchmarkIndex("GSM8K")));
    }
}
