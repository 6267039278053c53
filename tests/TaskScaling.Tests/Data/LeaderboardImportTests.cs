using System.Globalization;
using System.Text;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills.Import;
using TaskScaling.Data.LmEval;
using TaskScaling.Cli;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Data;

/// <summary>`skills import`: leaderboard contents + tokens, and lm-eval results + metadata, into the data_v2 layout.</summary>
public sealed class LeaderboardImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lb-import").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static string Sloth(string file) => Path.Combine(DataLocation.Resolve(), "sloth", file);
    private static string Inv(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A token CSV written from the rows of data_v2.csv chosen by <paramref name="keep"/>.</summary>
    private string TokensFromDataV2(Func<LeaderboardTable, int, bool> keep, out List<int> kept)
    {
        var v2 = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var sb = new StringBuilder("Model,Family2,#Params (B),Pretraining Data Size (T)\n");
        kept = [];
        for (int i = 0; i < v2.RowCount; i++)
        {
            if (!keep(v2, i)) continue;
            kept.Add(i);
            sb.Append($"{v2.Models[i]},{v2.Families[i]},{Inv(v2.Parameters[i])},{Inv(v2.Tokens[i])}\n");
        }
        var path = Path.Combine(_dir, "tokens.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static bool CompleteV2(LeaderboardTable t, int i) =>
        !double.IsNaN(t.Tokens[i]) && Enumerable.Range(0, t.Benchmarks.Count).All(j => !double.IsNaN(t.Score(i, j)));

    [Fact]
    public void Leaderboard_ReproducesTheSixV2ColumnsOfDataV2_OnEveryCompleteRow()
    {
        var tokens = TokensFromDataV2(CompleteV2, out var complete);
        Assert.Equal(105, complete.Count); // the issue's count of complete v2 rows, from the data

        var outPath = Path.Combine(_dir, "mine.csv");
        var result = SkillsImport.Run(new SkillsImportRequest { Leaderboard = Sloth("open-llm-leaderboard_new.csv"), Tokens = tokens, Out = outPath });
        var reference = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var cmp = ImportComparison.Compare(result.Table, reference, BenchmarkSets.V2);
        Assert.True(cmp.Mismatches.Count == 0, string.Join(" | ", cmp.Mismatches.Select(m => $"{m.Model}: {m.Reason}")));
        Assert.Equal(complete.Count, cmp.Agreeing.Count);
        // Not imported: only the v2 rows data_v2 has no tokens for (a token CSV row needs T).
        var noTokens = Enumerable.Range(0, reference.RowCount)
            .Where(i => double.IsNaN(reference.Tokens[i]) && Enumerable.Range(0, 6).All(j => !double.IsNaN(reference.Score(i, j))))
            .Select(i => reference.Models[i]).ToList();
        Assert.Equal(noTokens, cmp.NotImported);
        // The "-hf" rule is what matches these eight (Llama-2-*-hf, OLMo-*-hf) — without it they would have no row.
        Assert.Contains("llama-2-7b-chat", cmp.Agreeing);
        Assert.Contains("olmo-1b", cmp.Agreeing);
        // Two of them were submitted twice; the first (higher-average) row is the one data_v2 holds, and it is said.
        Assert.Contains(result.Table.Notes, n => n.Contains("second row for 'gemma-2-2b'; kept line 580"));
        Assert.Contains(result.Table.Notes, n => n.Contains("second row for 'meta-llama-3-8b-instruct'; kept line 148"));

        // The written file reads back through the skills reader (all twelve columns) with the same numbers.
        var written = LeaderboardReader.Read(outPath);
        Assert.Equal(complete.Count, written.RowCount);
        for (int i = 0; i < written.RowCount; i++)
        {
            int r = complete[i];
            Assert.Equal(reference.Models[r], written.Models[i]);
            Assert.Equal(reference.Families[r], written.Families[i]);
            Assert.Equal(reference.Parameters[r], written.Parameters[i]);
            Assert.Equal(reference.Tokens[r], written.Tokens[i]);
            Assert.Equal(6 * reference.Parameters[r] * reference.Tokens[r], written.Flops[i]);
            foreach (var b in BenchmarkSets.V2)
                Assert.Equal(reference.Score(r, reference.BenchmarkIndex(b)), written.Score(i, written.BenchmarkIndex(b)));
            foreach (var b in BenchmarkSets.V1) Assert.True(double.IsNaN(written.Score(i, written.BenchmarkIndex(b))));
        }
    }

    [Fact]
    public void Leaderboard_ModelsDataV2LeavesWithoutV2Scores_AreSharedButHaveNothingToCompare()
    {
        // Every data_v2 model with tokens that the leaderboard holds: the complete rows agree, and the only
        // other shared models are ones data_v2 gives no v2 scores at all (the leaderboard does).
        var lb = LeaderboardContentsReader.Read(Sloth("open-llm-leaderboard_new.csv"));
        var keys = lb.Rows.Select(r => r.Key).ToHashSet();
        var tokens = TokensFromDataV2((t, i) => !double.IsNaN(t.Tokens[i]) && keys.Contains(ModelKey.Of(t.Models[i])), out var kept);
        var table = SkillsImport.FromLeaderboard(Sloth("open-llm-leaderboard_new.csv"), tokens);
        var reference = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var cmp = ImportComparison.Compare(table, reference, BenchmarkSets.V2);
        Assert.Empty(cmp.Mismatches);
        Assert.Equal(kept.Count(i => CompleteV2(reference, i)), cmp.Agreeing.Count);
        Assert.Equal(kept.Count - cmp.Agreeing.Count, cmp.ReferenceWithoutScores.Count);
        Assert.Contains("gpt-j-6b", cmp.ReferenceWithoutScores);
    }

    [Fact]
    public void ContentsReader_MapsRawColumns_AndKeepsTheFirstOfDuplicateRows()
    {
        const string csv = "T,Model,Average ⬆️,IFEval,IFEval Raw,BBH,BBH Raw,MATH Lvl 5,MATH Lvl 5 Raw,GPQA,GPQA Raw,MUSR,MUSR Raw,MMLU-PRO,MMLU-PRO Raw,Type,#Params (B)\n" +
                           "💬,Org/Model-7B-hf,20,50.1,0.5,30,0.47,3,0.03,5,0.29,8,0.4,20,0.28,\"💬 chat models (RLHF, DPO, IFT, ...)\",7\n" +
                           "🟢,other/model-7b,19,49,0.49,29,0.46,2,0.02,4,0.28,7,0.39,19,0.27,🟢 pretrained,0\n";
        var c = LeaderboardContentsReader.FromCsv(CsvTable.Parse(csv, "lb.csv"));
        var row = Assert.Single(c.Rows);
        Assert.Equal("model-7b", row.Key);
        Assert.Equal("Org/Model-7B-hf", row.ModelId);
        Assert.Equal([0.5, 0.47, 0.03, 0.29, 0.4, 0.28], row.Scores);
        Assert.Equal(7.0, row.Parameters);
        Assert.Contains(c.Notes, n => n.Contains("line 3") && n.Contains("kept line 2"));
    }

    [Fact]
    public void ContentsReader_OnTheRealFile_KeepsTheRowsDataV2Used()
    {
        var c = LeaderboardContentsReader.Read(Sloth("open-llm-leaderboard_new.csv"));
        Assert.True(c.TryGet("google/gemma-2-2b", out var gemma));
        Assert.Equal(0.02, gemma.Scores[BenchmarkSets.V2.ToList().IndexOf("MATH Lvl 5")]); // the bfloat16 row later in the file has 0.03
        Assert.Equal(c.Rows.Count, c.Rows.Select(r => r.Key).Distinct().Count());
        Assert.NotEmpty(c.Notes);
    }

    [Theory]
    [InlineData("meta-llama/Llama-2-13b-chat-hf", "llama-2-13b-chat")]
    [InlineData("allenai/OLMo-1B-hf", "olmo-1b")]
    [InlineData("gpt2", "gpt2")]
    [InlineData("Qwen/Qwen2.5-1.5B", "qwen2.5-1.5b")]
    public void ModelKey_LowerCaseWithoutOrgAndHfSuffix(string id, string key) => Assert.Equal(key, ModelKey.Of(id));

    [Theory]
    [InlineData("llama-2-13b-chat", "llama-2-chat")]
    [InlineData("pythia-1.4b", "pythia")]
    [InlineData("pythia-410m", "pythia")]
    [InlineData("bloom-1b1", "bloom")]
    [InlineData("mixtral-8x7b-v0.1", "mixtral-8x-v0.1")]
    [InlineData("open_llama_13b", "open_llama_")]
    [InlineData("phi-3-medium-4k-instruct", "phi-3-medium-4k-instruct")]
    [InlineData("bloom", "bloom")]
    public void Family2Inference_RemovesTheSizeToken(string model, string family) => Assert.Equal(family, Family2Inference.Of(model));

    [Fact]
    public void Family2Inference_GivesDataV2sFamily2_ExceptTheHandMergedGptFamily()
    {
        var t = LeaderboardReader.ReadSloth(DataLocation.Resolve(), benchmarks: BenchmarkSets.V2);
        var differ = Enumerable.Range(0, t.RowCount).Where(i => Family2Inference.Of(t.Models[i]) != t.Families[i]).ToList();
        Assert.All(differ, i => Assert.Equal("gpt-j-neo-neox", t.Families[i]));
        Assert.Equal(t.Families.Count(f => f == "gpt-j-neo-neox"), differ.Count);
    }

    // ---- lm-eval route ----

    private const string V2Results = """
        {"results": {
          "leaderboard_ifeval": {"alias": "leaderboard_ifeval", "prompt_level_strict_acc,none": 0.30, "prompt_level_strict_acc_stderr,none": 0.02,
                                  "inst_level_strict_acc,none": 0.42, "inst_level_strict_acc_stderr,none": "N/A", "prompt_level_loose_acc,none": 0.35},
          "leaderboard_bbh": {"acc_norm,none": 0.41, "acc_norm_stderr,none": 0.006},
          "leaderboard_math_hard": {"exact_match,none": 0.05, "exact_match_stderr,none": 0.01},
          "leaderboard_gpqa": {"acc_norm,none": 0.27},
          "leaderboard_musr": {"acc_norm,none": 0.38},
          "leaderboard_mmlu_pro": {"acc,none": 0.21, "acc_stderr,none": 0.004}
        },
        "config": {"model": "hf", "model_args": "pretrained=lab/Tiny-3B,dtype=bfloat16", "model_num_parameters": 3100000000},
        "date": 1720000000.0}
        """;

    private const string V1Results = """
        {"results": {
          "mmlu": {"acc,none": 0.50, "acc_stderr,none": 0.01},
          "mmlu_stem": {"acc,none": 0.45},
          "mmlu_abstract_algebra": {"acc,none": 0.20},
          "mmlu_anatomy": {"acc,none": 0.60},
          "mmlu_humanities": {"acc,none": 0.55},
          "mmlu_philosophy": {"acc,none": 0.70},
          "arc_challenge": {"acc,none": 0.40, "acc_norm,none": 0.44},
          "gsm8k": {"exact_match,strict-match": 0.12, "exact_match,flexible-extract": 0.15}
        },
        "groups": {"mmlu": {"acc,none": 0.50}, "mmlu_stem": {"acc,none": 0.45}, "mmlu_humanities": {"acc,none": 0.55}},
        "group_subtasks": {"mmlu": ["mmlu_stem", "mmlu_humanities"], "mmlu_stem": ["mmlu_abstract_algebra", "mmlu_anatomy"],
                           "mmlu_humanities": ["mmlu_philosophy"], "arc_challenge": [], "gsm8k": []},
        "config": {"model": "hf", "model_args": {"pretrained": "lab/Tiny-1B"}},
        "model_name": "lab/Tiny-1B", "date": 1720000000.0}
        """;

    private string LmEvalFolder()
    {
        var folder = Path.Combine(_dir, "runs");
        Directory.CreateDirectory(Path.Combine(folder, "tiny-3b"));
        Directory.CreateDirectory(Path.Combine(folder, "tiny-1b"));
        File.WriteAllText(Path.Combine(folder, "tiny-3b", "results_2024-07-03T10-00-00.000001.json"), V2Results);
        File.WriteAllText(Path.Combine(folder, "tiny-1b", "results_2024-07-03T10-00-00.000001.json"), V1Results);
        return folder;
    }

    private string Metadata(string text)
    {
        var path = Path.Combine(_dir, "meta.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LmEval_MapsTasksAndMetricsToTheTwelveBenchmarks()
    {
        var meta = Metadata("Model,Family,#Params (B),Tokens (T)\nlab/Tiny-1B,tiny,1.2,2\nTiny-3B,tiny,,2.5\n");
        var table = SkillsImport.FromLmEval(LmEvalFolder(), meta);
        Assert.Equal(["tiny-1b", "tiny-3b"], table.Rows.Select(r => r.Model));
        var small = table.Rows[0];
        var large = table.Rows[1];

        // IFEval: mean of the strict prompt- and instruction-level accuracies; the others one metric each.
        Assert.Equal((0.30 + 0.42) / 2, large.Score("IFEval"));
        Assert.Equal(0.41, large.Score("BBH"));
        Assert.Equal(0.05, large.Score("MATH Lvl 5"));
        Assert.Equal(0.27, large.Score("GPQA"));
        Assert.Equal(0.38, large.Score("MUSR"));
        Assert.Equal(0.21, large.Score("MMLU-PRO"));
        Assert.True(double.IsNaN(large.Score("MMLU")));
        Assert.Equal(3.1, large.Parameters); // config.model_num_parameters / 1e9, the metadata leaving it empty
        Assert.Equal(6 * 3.1 * 2.5, large.Flops);

        // MMLU: unweighted mean over the leaf subjects, not lm-eval's group value 0.50.
        Assert.Equal((0.20 + 0.60 + 0.70) / 3, small.Score("MMLU"));
        Assert.Equal(0.44, small.Score("ARC"));
        Assert.Equal(0.12, small.Score("GSM8K"));
        Assert.True(double.IsNaN(small.Score("HellaSwag")));
        Assert.True(double.IsNaN(small.Score("IFEval")));
        Assert.Equal(1.2, small.Parameters);
        Assert.Equal("tiny", small.Family2);
        Assert.Contains(table.Notes, n => n.StartsWith("tiny-1b: not evaluated on") && n.Contains("HellaSwag"));

        // Written and read back by the skills reader.
        var path = Path.Combine(_dir, "out.csv");
        SkillsTableWriter.Write(table, path);
        var back = LeaderboardReader.Read(path);
        Assert.Equal((0.20 + 0.60 + 0.70) / 3, back.Score(0, back.BenchmarkIndex("MMLU")));
        Assert.Equal((0.30 + 0.42) / 2, back.Score(1, back.BenchmarkIndex("IFEval")));
        Assert.Equal(["tiny", "tiny"], back.Families);
    }

    [Fact]
    public void LmEval_MapOverride_FromJsonAndCsv()
    {
        var meta = Metadata("Model,Family,#Params (B),Tokens (T)\nTiny-1B,tiny,1,2\n");
        var json = Path.Combine(_dir, "map.json");
        File.WriteAllText(json, """[{"benchmark": "ARC", "task": "arc_challenge", "metric": "acc"}, {"benchmark": "MMLU", "task": "mmlu", "metric": "acc", "aggregate": "value"}]""");
        var t = SkillsImport.FromLmEval(LmEvalFolder(), meta, BenchmarkMap.Load(json));
        Assert.Equal(0.40, t.Rows[0].Score("ARC"));
        Assert.Equal(0.50, t.Rows[0].Score("MMLU"));
        Assert.Contains(t.Notes, n => n.Contains("'tiny-3b' have no metadata row"));

        var csv = Path.Combine(_dir, "map.csv");
        File.WriteAllText(csv, "benchmark,task,metric\nGSM8K,gsm8k,\"exact_match,flexible-extract\"\nARC,arc_challenge,acc+acc_norm\n");
        var t2 = SkillsImport.FromLmEval(LmEvalFolder(), meta, BenchmarkMap.Load(csv));
        Assert.Equal(0.15, t2.Rows[0].Score("GSM8K"));
        Assert.Equal((0.40 + 0.44) / 2, t2.Rows[0].Score("ARC"));

        File.WriteAllText(csv, "benchmark,task,metric\nARCC,arc_challenge,acc\n");
        var e = Assert.Throws<InvalidRequestException>(() => BenchmarkMap.Load(csv));
        Assert.Contains("did you mean 'ARC'", e.Message);
    }

    [Fact]
    public void LmEval_RealQwenFile_MmluIsTheUnweightedSubjectMean()
    {
        var folder = Path.Combine(_dir, "qwen");
        Directory.CreateDirectory(folder);
        var src = Path.Combine(DataLocation.Resolve(), "formats", "lm-eval-v0.4", "qwen2.5-1.5b_arc-hellaswag-mmlu-glue-piqa-winogrande.json");
        File.Copy(src, Path.Combine(folder, "results_qwen.json"));
        var meta = Metadata("Model,Family,Tokens (T)\nQwen/Qwen2.5-1.5B,qwen2.5,18\n");
        var row = Assert.Single(SkillsImport.FromLmEval(folder, meta).Rows);

        var run = LmEvalReader.ReadFile(src);
        var subjects = run.GroupSubtasks["mmlu"].SelectMany(g => run.GroupSubtasks[g]).ToList();
        Assert.Equal(57, subjects.Count);
        Assert.Equal(subjects.Average(s => run.GetValue(s, "acc")), row.Score("MMLU"));
        Assert.NotEqual(run.GetValue("mmlu", "acc"), row.Score("MMLU"));
        Assert.Equal(run.GetValue("arc_challenge", "acc_norm"), row.Score("ARC"));
        Assert.Equal(run.GetValue("hellaswag", "acc_norm"), row.Score("HellaSwag"));
        Assert.Equal(run.GetValue("winogrande", "acc"), row.Score("Winogrande"));
        Assert.Equal(1543714304 / 1e9, row.Parameters);
    }

    [Fact]
    public void LmEval_OlderLayoutFile_Reads()
    {
        var folder = Path.Combine(_dir, "bloom");
        Directory.CreateDirectory(folder);
        var src = Path.Combine(DataLocation.Resolve(), "formats", "lm-eval-v0.3", "bloom-1b1_common-sense-reasoning_0shot.json");
        File.Copy(src, Path.Combine(folder, "results_bloom.json"));
        var meta = Metadata("Model,Family,#Params (B),Tokens (T)\nbloom-1b1,bloom,1,0.341\n");
        var table = SkillsImport.FromLmEval(folder, meta);
        var row = Assert.Single(table.Rows);
        var run = LmEvalReader.ReadFile(src);
        Assert.Equal(run.GetValue("arc_challenge", "acc_norm"), row.Score("ARC"));
        Assert.Equal(run.GetValue("hellaswag", "acc_norm"), row.Score("HellaSwag"));
        Assert.Equal(run.GetValue("winogrande", "acc"), row.Score("Winogrande"));
        Assert.True(double.IsNaN(row.Score("MMLU")));
        Assert.Contains(table.Notes, n => n.StartsWith("bloom-1b1: not evaluated on") && n.Contains("MMLU (mmlu)"));
    }

    // ---- bad input (library level; the CLI tests check exit code and that nothing is written) ----

    [Fact]
    public void BadInput_TokensDuplicateMissingTokensAndNoLeaderboardRow()
    {
        var lb = Sloth("open-llm-leaderboard_new.csv");
        var dup = Metadata("Model,Tokens (T)\nQwen/Qwen2-72B-Instruct,7\nqwen2-72b-instruct,7\n");
        var e1 = Assert.Throws<DataFormatException>(() => SkillsImport.FromLeaderboard(lb, dup));
        Assert.Equal(3, e1.Line);
        Assert.Contains("duplicate model", e1.Message);

        var noT = Metadata("Model,Tokens (T)\nQwen/Qwen2-72B-Instruct,\n");
        var e2 = Assert.Throws<DataFormatException>(() => SkillsImport.FromLeaderboard(lb, noT));
        Assert.Contains("missing tokens", e2.Message);
        Assert.Equal(2, e2.Line);

        var absent = Metadata("Model,Tokens (T)\nqwen2-72b-instrukt,7\n");
        var e3 = Assert.Throws<DataFormatException>(() => SkillsImport.FromLeaderboard(lb, absent));
        Assert.Contains("nearest: 'qwen2-72b-instruct'", e3.Message);

        var noN = Metadata("Model,Tokens (T)\nopenai-community/gpt2,0.04\n"); // the leaderboard rounds gpt2's size to 0
        var e4 = Assert.Throws<DataFormatException>(() => SkillsImport.FromLeaderboard(lb, noN));
        Assert.Contains("missing N", e4.Message);
    }

    [Fact]
    public void BadInput_LmEvalMetadataRowWithoutResults_AndMetricNotFound()
    {
        var meta = Metadata("Model,Family,#Params (B),Tokens (T)\nTiny-1B,tiny,1,2\nTiny-7B,tiny,7,2\n");
        var e = Assert.Throws<DataFormatException>(() => SkillsImport.FromLmEval(LmEvalFolder(), meta));
        Assert.Equal(3, e.Line);
        Assert.Contains("no lm-eval results for 'Tiny-7B'", e.Message);

        var map = Path.Combine(_dir, "map.csv");
        File.WriteAllText(map, "benchmark,task,metric\nARC,arc_challenge,acc_nrm\n");
        var one = Metadata("Model,Family,#Params (B),Tokens (T)\nTiny-1B,tiny,1,2\n");
        var e2 = Assert.Throws<InvalidRequestException>(() => SkillsImport.FromLmEval(LmEvalFolder(), one, BenchmarkMap.Load(map)));
        Assert.Contains("did you mean 'acc_norm'", e2.Message);
    }
}
