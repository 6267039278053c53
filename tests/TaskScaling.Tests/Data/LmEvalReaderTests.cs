using TaskScaling.Data.LmEval;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Data;

public class LmEvalReaderTests
{
    private static string Formats(string relative) =>
        Path.Combine(DataLocation.Resolve(), "formats", relative);

    private static readonly string Qwen25 = Formats("lm-eval-v0.4/qwen2.5-1.5b_arc-hellaswag-mmlu-glue-piqa-winogrande.json");
    private static readonly string Llama3 = Formats("lm-eval-v0.4/llama3-8b-instruct_gsm8k-cot-llama.json");
    private static readonly string Qwen3 = Formats("lm-eval-v0.4/qwen3-8b_negotiationtom_stderr-NA.json");
    private static readonly string Bloom = Formats("lm-eval-v0.3/bloom-1b1_common-sense-reasoning_0shot.json");
    private static readonly string Pythia = Formats("lm-eval-v0.3/pythia-160m_step143000_zeroshot.json");

    [Fact]
    public void EveryShippedFormatFile_Reads()
    {
        var files = Directory.EnumerateFiles(Formats(""), "*.json", SearchOption.AllDirectories).ToList();
        Assert.Equal(5, files.Count);
        foreach (var f in files)
        {
            var r = LmEvalReader.ReadFile(f);
            Assert.NotEmpty(r.Tasks);
            Assert.NotNull(r.Model);
        }
    }

    [Fact]
    public void Qwen25_CurrentLayout_TasksGroupsAndParameterCount()
    {
        var r = LmEvalReader.ReadFile(Qwen25);
        Assert.Equal(LmEvalLayout.Current, r.Layout);
        Assert.Equal("Qwen/Qwen2.5-1.5B", r.Model);
        Assert.Equal(1543714304L, r.ParameterCount);
        Assert.Equal("pretrained=Qwen/Qwen2.5-1.5B,trust_remote_code=True", r.ModelArgsText);
        Assert.Equal("True", r.ModelArgs["trust_remote_code"]);
        Assert.Null(r.Step);
        Assert.Equal("main", r.Revision); // config.model_revision
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 23, 52, 52, 261, TimeSpan.Zero), r.Date);

        var arc = r.GetMetric("arc_challenge", "acc_norm");
        Assert.Equal(0.45307167235494883, arc.Value);
        Assert.Equal(0.01454689205200563, arc.StdErr);
        Assert.Equal("none", arc.Filter);
        Assert.True(arc.HigherIsBetter);
        Assert.Equal(0.41467576791808874, r.GetValue("arc_challenge", "acc,none"));
        var arcTask = r.GetTask("arc_challenge");
        Assert.Equal(0, arcTask.FewShot);
        Assert.Equal(1172L, arcTask.SampleCount);
        Assert.False(arcTask.IsGroup);

        var mmlu = r.GetMetric("mmlu", "acc");
        Assert.Equal(0.5961401509756445, mmlu.Value);
        Assert.Equal(0.003908188894751123, mmlu.StdErr);
        Assert.True(r.GetTask("mmlu").IsGroup);
        Assert.Equal(["mmlu", "mmlu_humanities", "mmlu_other", "mmlu_social_sciences", "mmlu_stem"],
            r.Groups.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(0.525848398350777, r.Groups["mmlu_stem"].Metrics["acc"].Value);
        Assert.Equal(4, r.GroupSubtasks["mmlu"].Count);
        Assert.Equal(57, r.GroupSubtasks["mmlu"].Sum(c => r.GroupSubtasks[c].Count));
        Assert.False(r.GroupSubtasks.ContainsKey("arc_challenge")); // empty subtask lists are plain tasks

        var lambada = r.GetTask("lambada_openai");
        Assert.Equal(5.677708211264297, lambada.GetMetric("perplexity").Value);
        Assert.Equal(0.14485002284129517, lambada.GetMetric("perplexity").StdErr);
        Assert.Equal(0.6213856006209975, lambada.GetMetric("acc").Value);
        Assert.Equal(78, r.Tasks.Count); // 57 subjects + 5 MMLU groups + 16 other tasks
    }

    [Fact]
    public void Qwen3_StderrNA_IsMissing_AndModelArgsObjectIsRead()
    {
        var r = LmEvalReader.ReadFile(Qwen3);
        Assert.Equal("Qwen/Qwen3-8B", r.Model);
        Assert.Equal(8190735360L, r.ParameterCount);
        Assert.Equal("Qwen/Qwen3-8B", r.ModelArgs["pretrained"]);
        Assert.Equal("bfloat16", r.ModelArgs["dtype"]);
        Assert.Equal("False", r.ModelArgs["enable_thinking"]);

        var intention = r.GetTask("negotiationtom_intention");
        Assert.Equal(0.30188679245283023, intention.GetMetric("micro_f1").Value);
        Assert.Null(intention.GetMetric("micro_f1").StdErr);        // "N/A"
        Assert.Equal(0.2523809523809524, intention.GetMetric("macro_f1").Value);
        Assert.Null(intention.GetMetric("macro_f1").StdErr);        // "N/A"
        Assert.Equal(0.0917662935482247, intention.GetMetric("exact_match").StdErr);
        Assert.Equal(3, intention.Metrics.Count);                    // sample_len, name, alias are not metrics

        Assert.Equal(0.45, r.GetValue("negotiationtom_belief", "acc"));
        Assert.Equal(0.11413288653790232, r.GetMetric("negotiationtom_belief", "acc").StdErr);
        Assert.True(r.GetTask("negotiationtom").IsGroup);
        Assert.Equal(0.525, r.Groups["negotiationtom"].Metrics["acc"].Value);
        Assert.Equal(["negotiationtom_belief", "negotiationtom_desire", "negotiationtom_intention"], r.GroupSubtasks["negotiationtom"]);
        Assert.Equal(2026, r.Date!.Value.Year);
    }

    [Fact]
    public void Llama3_GenerativeFilters_AndNullParameterCount()
    {
        var r = LmEvalReader.ReadFile(Llama3);
        Assert.Equal("meta-llama/Meta-Llama-3-8B-Instruct", r.Model);
        Assert.Null(r.ParameterCount);
        var task = r.GetTask("gsm8k_cot_llama");
        Assert.Equal(0.7725549658832449, task.GetMetric("exact_match,strict-match").Value);
        Assert.Equal(0.01154636331254809, task.GetMetric("exact_match,strict-match").StdErr);
        Assert.Equal(0.7778620166793025, task.GetMetric("exact_match,flexible-extract").Value);
        Assert.Equal("flexible-extract", task.GetMetric("exact_match,flexible-extract").Filter);
        Assert.Empty(r.Groups);
        // A bare name under two filters is ambiguous: the error lists both.
        var e = Assert.Throws<InvalidRequestException>(() => task.GetMetric("exact_match"));
        Assert.Contains("exact_match,strict-match", e.Message);
        Assert.Contains("exact_match,flexible-extract", e.Message);
    }

    [Fact]
    public void Bloom_OlderLayout_PlainKeys_AndMetricsWithoutStderr()
    {
        var r = LmEvalReader.Read(Bloom);
        Assert.Equal(LmEvalLayout.Legacy, r.Layout);
        Assert.Equal("bigscience/bloom-1b1", r.Model);
        Assert.Null(r.ParameterCount);
        Assert.Null(r.Date);
        Assert.Null(r.Step);
        Assert.Equal(0.5147306397306397, r.GetValue("arc_easy", "acc"));
        Assert.Equal(0.45454545454545453, r.GetValue("arc_easy", "acc_norm"));
        Assert.Equal(0.010217299762709435, r.GetMetric("arc_easy", "acc_norm").StdErr);
        Assert.Null(r.GetMetric("arc_easy", "acc").Filter);
        Assert.Equal(0.1448948948948949, r.GetValue("mc_taco", "em"));
        Assert.Null(r.GetMetric("mc_taco", "em").StdErr);
        Assert.Null(r.GetMetric("mc_taco", "f1").StdErr);
        Assert.Equal(0, r.GetTask("winogrande").FewShot);
        Assert.Equal("1", r.GetTask("boolq").Version);
        Assert.Equal(12, r.Tasks.Count);
        Assert.False(r.Tasks.ContainsKey("mmlu"));
    }

    [Fact]
    public void Pythia_OlderLayout_MmluIsTheUnweightedMeanOf57Subjects_AndStepFromRevision()
    {
        var r = LmEvalReader.ReadFile(Pythia);
        Assert.Equal(LmEvalLayout.Legacy, r.Layout);
        Assert.Equal("EleutherAI/pythia-v1.1-160m", r.Model);
        Assert.Equal("step143000", r.Revision);
        Assert.Equal(143000L, r.Step);
        Assert.Equal(38.064877017771195, r.GetValue("lambada_openai", "ppl"));
        Assert.Equal(1.4363799633211518, r.GetMetric("lambada_openai", "ppl").StdErr);
        Assert.Equal(0.21, r.GetValue("hendrycksTest-abstract_algebra", "acc"));

        var mmlu = r.GetTask("mmlu");
        Assert.True(mmlu.IsGroup);
        Assert.Equal(57, r.GroupSubtasks["mmlu"].Count);
        // Means and sqrt(Σ se²)/57 computed from the file's 57 subjects (Python, summed in name order).
        Assert.Equal(0.2439975175794379, mmlu.GetMetric("acc").Value, 15);
        Assert.Equal(0.2809018102068779, mmlu.GetMetric("acc_norm").Value, 15);
        Assert.Equal(0.00437754195377305, mmlu.GetMetric("acc").StdErr!.Value, 15);
        Assert.Contains(r.Notes, n => n.Contains("unweighted mean of 57 hendrycksTest-* subjects"));

        var none = LmEvalReader.ReadFile(Pythia, new LmEvalReadOptions { LegacyMmlu = MmluAggregation.None });
        Assert.False(none.Tasks.ContainsKey("mmlu"));
        Assert.Equal(r.Tasks.Count - 1, none.Tasks.Count);
    }

    [Fact]
    public void UnknownTask_ListsTheTasks_AndSuggestsTheNearest()
    {
        var r = LmEvalReader.ReadFile(Bloom);
        var e = Assert.Throws<InvalidRequestException>(() => r.GetTask("arc_chalenge"));
        Assert.Contains("did you mean 'arc_challenge'", e.Message);
        Assert.Contains("boolq", e.Message);
        Assert.Contains(Bloom, e.Message);
        var m = Assert.Throws<InvalidRequestException>(() => r.GetMetric("hellaswag", "acc_nrom"));
        Assert.Contains("did you mean 'acc_norm'", m.Message);
        Assert.Contains("acc, acc_norm", m.Message);
        // Case-insensitive match when unique.
        Assert.Equal("winogrande", r.GetTask("WinoGrande").Name);
    }

    [Fact]
    public void MalformedJson_NamesTheFileAndPosition()
    {
        const string json = "{\n  \"results\": {\n    \"t\": {\"acc,none\": 0.5,, \"x\": 1}\n  }\n}";
        var e = Assert.Throws<DataFormatException>(() => LmEvalReader.Parse(json, "broken.json"));
        Assert.Equal("broken.json", e.File);
        Assert.Equal(3, e.Line);
        int column = "    \"t\": {\"acc,none\": 0.5,".Length + 1; // the second comma, 1-based
        Assert.Contains($"byte {column} of the line", e.Message);
    }

    [Fact]
    public void TruncatedRealFile_IsAFormatError()
    {
        var bytes = File.ReadAllBytes(Qwen25)[..5000];
        var e = Assert.Throws<DataFormatException>(() => LmEvalReader.Parse(bytes, "truncated.json"));
        Assert.StartsWith("truncated.json, line ", e.Message);
    }

    [Fact]
    public void NotAResultsFile_IsAFormatError()
    {
        var e = Assert.Throws<DataFormatException>(() => LmEvalReader.Parse("{\"metrics\": {}}", "other.json"));
        Assert.Contains("no \"results\" object", e.Message);
    }

    [Fact]
    public void PythonNaN_IsReadAsMissing_AndLaterErrorsKeepTheirPosition()
    {
        var r = LmEvalReader.Parse("{\"results\": {\"t\": {\"acc,none\": 0.5, \"acc_stderr,none\": NaN, \"f1,none\": NaN}}}", "nan.json");
        Assert.Equal(0.5, r.GetValue("t", "acc"));
        Assert.Null(r.GetMetric("t", "acc").StdErr);
        Assert.False(r.GetTask("t").Metrics.ContainsKey("f1"));
        Assert.Contains(r.Notes, n => n.Contains("'f1'") && n.Contains("no value"));

        // A NaN inside a string is text, not a number.
        var quoted = LmEvalReader.Parse("{\"results\": {\"t\": {\"alias\": \"NaN Infinity\", \"acc,none\": NaN}}}", "alias.json");
        Assert.Equal("NaN Infinity", quoted.GetTask("t").Alias);

        const string line = "{\"results\": {\"t\": {\"acc_stderr,none\": NaN, \"acc,none\": 0.5 x}}}";
        var e = Assert.Throws<DataFormatException>(() => LmEvalReader.Parse(line, "nan-broken.json"));
        Assert.Equal(1, e.Line);
        Assert.Contains($"byte {line.IndexOf(" x", StringComparison.Ordinal) + 2} of the line", e.Message);
    }

    [Fact]
    public void StepFromFileName_WhenModelArgsHaveNone()
    {
        var r = LmEvalReader.Parse("{\"results\": {\"arc_easy\": {\"acc\": 0.4}}, \"config\": {\"model_args\": \"pretrained=my/model\"}}",
            "/runs/my-model_step2000.json");
        Assert.Equal(2000L, r.Step);
        Assert.Equal("my/model", r.Model);
    }

    [Fact]
    public void Folder_MergesRunsOfOneModel_NewerDateWins_AndSaysSo()
    {
        var dir = Directory.CreateTempSubdirectory("lmeval-test-");
        try
        {
            var modelDir = Directory.CreateDirectory(Path.Combine(dir.FullName, "org__m"));
            File.WriteAllText(Path.Combine(modelDir.FullName, "results_2024-01-01T00-00-00.000000.json"),
                Run("org/m", 1704067200, ("arc_easy", 0.50), ("piqa", 0.60)));
            File.WriteAllText(Path.Combine(modelDir.FullName, "results_2024-02-01T00-00-00.000000.json"),
                Run("org/m", 1706745600, ("arc_easy", 0.55), ("hellaswag", 0.40)));
            var other = Directory.CreateDirectory(Path.Combine(dir.FullName, "org__n"));
            File.WriteAllText(Path.Combine(other.FullName, "results_2024-01-05T00-00-00.000000.json"),
                Run("org/n", 1704412800, ("arc_easy", 0.30)));

            var models = LmEvalReader.ReadFolder(dir.FullName);
            Assert.Equal(["org/m", "org/n"], models.Select(m => m.Model));
            var m = models[0];
            Assert.Equal(0.55, m.GetValue("arc_easy", "acc"));   // newer run
            Assert.Equal(0.60, m.GetValue("piqa", "acc"));       // only in the older run
            Assert.Equal(0.40, m.GetValue("hellaswag", "acc"));
            Assert.Equal(2, m.SourceFiles.Count);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1706745600), m.Date);
            Assert.Contains(m.Notes, n => n.Contains("'arc_easy' was measured twice") && n.Contains("newer date"));
            Assert.Equal(1, m.Notes.Count(n => n.Contains("measured twice")));

            var e = Assert.Throws<InvalidRequestException>(() => LmEvalReader.Read(dir.FullName));
            Assert.Contains("2 models", e.Message);
            Assert.Equal(0.30, LmEvalReader.Read(other.FullName).GetValue("arc_easy", "acc"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Folder_WithoutResultsFiles_IsAFormatError()
    {
        var dir = Directory.CreateTempSubdirectory("lmeval-empty-");
        try
        {
            var e = Assert.Throws<DataFormatException>(() => LmEvalReader.ReadFolder(dir.FullName));
            Assert.Contains("no lm-eval results file (*.json with a top-level \"results\" object", e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Levenshtein_CountsEdits()
    {
        Assert.Equal(3, NameSuggestion.Levenshtein("kitten", "sitting"));
        Assert.Equal(0, NameSuggestion.Levenshtein("", ""));
        Assert.Equal(4, NameSuggestion.Levenshtein("", "abcd"));
        Assert.Equal("hellaswag", NameSuggestion.Nearest("HelaSwag", ["arc_easy", "hellaswag", "piqa"]));
    }

    private static string Run(string model, long date, params (string Task, double Acc)[] tasks)
    {
        var results = string.Join(",", tasks.Select(t =>
            $"\"{t.Task}\": {{\"alias\": \"{t.Task}\", \"acc,none\": {t.Acc.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"acc_stderr,none\": 0.01}}"));
        return $"{{\"results\": {{{results}}}, \"config\": {{\"model\": \"hf\", \"model_args\": \"pretrained={model}\"}}, " +
               $"\"model_name\": \"{model}\", \"date\": {date}}}";
    }
}
