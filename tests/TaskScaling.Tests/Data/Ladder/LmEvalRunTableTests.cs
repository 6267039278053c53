using TaskScaling.Data.Runs;
using TaskScaling.Ladder;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Data.Ladder;

/// <summary>lm-eval results per checkpoint read as a run's table (<see cref="RunHistory.LoadLmEval"/>), and ladder descriptions of such runs.</summary>
public sealed class LmEvalRunTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lmeval-run").FullName;
    private static readonly string Formats = Path.Combine(DataLocation.Resolve(), "formats");

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string relative, string json)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Results(long step, double acc, double ppl, long date, string extra = "") => $$"""
        { "results": { "lambada_openai": { "acc,none": {{acc}}, "acc_stderr,none": "N/A", "perplexity,none": {{ppl}}{{extra}} } },
          "config": { "model_args": "pretrained=m,revision=step{{step}}" }, "date": {{date}} }
        """;

    [Fact]
    public void RowsAreCheckpointsSortedByTokensWithTaskMetricColumns()
    {
        Write("run/b.json", Results(2000, 0.5, 20, 1));
        Write("run/a.json", Results(3000, 0.6, 10, 1));
        Write("run/sub/c.json", Results(1000, 0.4, 40, 1));
        var h = RunHistory.LoadLmEval(Path.Combine(_dir, "run"), new TokenSpec { TokensPerStep = 1e6 });
        Assert.Equal(3, h.RowCount);
        Assert.Equal([1e9, 2e9, 3e9], h.Tokens(TokenSpec.Auto));
        Assert.Equal(["lambada_openai/acc", "lambada_openai/perplexity"], h.Columns);
        Assert.Equal([0.4, 0.5, 0.6], WeightedMean.Of(h, [new WeightedColumn("lambada_openai/acc,none")], "test", ColumnKind.Fraction));
        Assert.Equal([Math.Log(40), Math.Log(20), Math.Log(10)], WeightedMean.Of(h, [new WeightedColumn("lambada_openai/perplexity")], "test", ColumnKind.NonNegative, FeatureTransform.Log));
        Assert.Equal([-40.0, -20, -10], WeightedMean.Of(h, [new WeightedColumn("lambada_openai/perplexity")], "test", ColumnKind.Any, FeatureTransform.Negate));
        Assert.EndsWith("c.json", h.RowSource(0));

        // A glob takes only what it matches.
        var g = RunHistory.LoadLmEval(Path.Combine(_dir, "run", "*.json"), new TokenSpec { TokensPerStep = 1e6 });
        Assert.Equal([2e9, 3e9], g.Tokens(TokenSpec.Auto));
        var r = RunHistory.LoadLmEval(Path.Combine(_dir, "run", "**", "c*.json"), new TokenSpec { TokensPerStep = 1e6 });
        Assert.Equal([1e9], r.Tokens(TokenSpec.Auto));
    }

    [Fact]
    public void FilesOfOneCheckpointMergeAndANewerDateWins()
    {
        Write("run/old.json", Results(1000, 0.40, 40, 100));
        Write("run/new.json", Results(1000, 0.45, 40, 200));
        Write("run/other.json", """{ "results": { "piqa": { "acc,none": 0.7 } }, "config": { "model_args": "revision=step1000" } }""");
        var h = RunHistory.LoadLmEval(Path.Combine(_dir, "run"), new TokenSpec { TokensPerStep = 1 });
        Assert.Equal(1, h.RowCount);
        Assert.Equal([0.45], WeightedMean.Of(h, [new WeightedColumn("lambada_openai/acc")], "test", ColumnKind.Fraction));
        Assert.Equal([0.7], WeightedMean.Of(h, [new WeightedColumn("piqa/acc")], "test", ColumnKind.Fraction));
        Assert.Contains(h.Notes, n => n.Contains("measured twice") && n.Contains("new.json"));
    }

    [Fact]
    public void TokensComeFromEveryKindOfSpec()
    {
        Write("run/step10.json", """{ "results": { "piqa": { "acc,none": 0.6 } } }""");
        Write("run/x/step20/results_2024-01-01T00-00-00.json", """{ "results": { "piqa": { "acc,none": 0.7 } } }""");
        Write("run/last.json", """{ "results": { "piqa": { "acc,none": 0.8 } } }""");
        var run = Path.Combine(_dir, "run");
        // Steps from the file name and the folder name; the step-less file listed by name.
        var h = RunHistory.LoadLmEval(run, new TokenSpec { TokensPerStep = 100, Checkpoints = new Dictionary<string, double?> { ["last.json"] = 5000 } });
        Assert.Equal([1000, 2000, 5000], h.Tokens(TokenSpec.Auto));
        Assert.Equal([0.6, 0.7, 0.8], WeightedMean.Of(h, [new WeightedColumn("piqa/acc")], "test", ColumnKind.Fraction));
        // Per checkpoint only, keyed by relative path and by step.
        h = RunHistory.LoadLmEval(run, new TokenSpec
        {
            Source = TokenSource.PerCheckpoint,
            Checkpoints = new Dictionary<string, double?> { ["step10"] = 3, ["x/step20/results_2024-01-01T00-00-00.json"] = 1, ["last.json"] = 2 },
        });
        Assert.Equal([0.7, 0.8, 0.6], WeightedMean.Of(h, [new WeightedColumn("piqa/acc")], "test", ColumnKind.Fraction));

        var e = Assert.Throws<DataFormatException>(() => RunHistory.LoadLmEval(run, new TokenSpec { TokensPerStep = 100 }));
        Assert.Contains("last.json", e.Message);
        Assert.Contains("no training step", e.Message);
        e = Assert.Throws<DataFormatException>(() => RunHistory.LoadLmEval(run, new TokenSpec()));
        Assert.Contains("tokensPerStep", e.Message);
        e = Assert.Throws<DataFormatException>(() => RunHistory.LoadLmEval(run, new TokenSpec { Source = TokenSource.Fixed, Value = 1e9 }));
        Assert.Contains("fixed", e.Message);
    }

    [Fact]
    public void ARealOlderLayoutFileIsAOneCheckpointRun()
    {
        // Pythia-160M at revision step143000 (older layout; its 57 MMLU subjects aggregated to "mmlu"); Pythia's batch is 2,097,152 tokens.
        var file = Path.Combine(Formats, "lm-eval-v0.3", "pythia-160m_step143000_zeroshot.json");
        var h = RunHistory.LoadLmEval(file, new TokenSpec { TokensPerStep = 2_097_152 });
        Assert.Equal([143000.0 * 2_097_152], h.Tokens(TokenSpec.Auto));
        var expected = TaskScaling.Data.LmEval.LmEvalReader.ReadFile(file).GetValue("arc_easy", "acc_norm");
        Assert.Equal([expected], WeightedMean.Of(h, [new WeightedColumn("arc_easy/acc_norm")], "test", ColumnKind.Fraction));
        Assert.True(h.HasColumn("mmlu/acc"));
        var e = Assert.Throws<DataFormatException>(() => WeightedMean.Of(h, [new WeightedColumn("arc_esay/acc_norm")], "accuracy of task arc", ColumnKind.Fraction));
        Assert.Contains("did you mean 'arc_easy'", e.Message);
        Assert.Contains("hendrycksTest-anatomy", e.Message);
        Assert.Contains("needed for the accuracy of task arc", e.Message);
    }

    [Fact]
    public void TheLogTransformRefusesANonPositiveValueNamingTheFile()
    {
        Write("run/step1.json", """{ "results": { "t": { "acc,none": 0.5, "ppl,none": 0 } } }""");
        var h = RunHistory.LoadLmEval(Path.Combine(_dir, "run"), new TokenSpec { TokensPerStep = 1 });
        var e = Assert.Throws<DataFormatException>(() => WeightedMean.Of(h, [new WeightedColumn("t/ppl")], "loss of task t", ColumnKind.NonNegative, FeatureTransform.Log));
        Assert.Contains("step1.json", e.Message);
        Assert.Contains("positive", e.Message);
    }

    [Fact]
    public void LmEvalMetricsFollowTheColumnKindsAndAStringOrNullIsMissing()
    {
        Write("run/step1.json", """{ "results": { "t": { "acc,none": 0.5, "ppl,none": 2, "bpb,none": "0.7" } } }""");
        Write("run/step2.json", """{ "results": { "t": { "acc,none": 1.5, "ppl,none": null, "bpb,none": -0.1 } } }""");
        var h = RunHistory.LoadLmEval(Path.Combine(_dir, "run"), new TokenSpec { TokensPerStep = 1 });
        var acc = Assert.Throws<DataFormatException>(() => h.Column("t/acc", "accuracy of task t", ColumnKind.Fraction));
        Assert.EndsWith("step2.json", acc.File);
        Assert.Equal("t/acc", acc.Column);
        Assert.Contains("expected a fraction in [0, 1] for the accuracy of task t, found 1.5", acc.Message);
        Assert.Equal([2.0, double.NaN], h.Column("t/ppl", "loss of task t", ColumnKind.NonNegative));   // null: missing
        var bpb = Assert.Throws<DataFormatException>(() => h.Column("t/bpb", "loss of task t", ColumnKind.NonNegative));
        Assert.Contains("found -0.1", bpb.Message);                                                      // "0.7" (a string) is missing
        Assert.Equal([double.NaN, -0.1], h.Column("t/bpb", "test"));

        Write("run/step2.json", """{ "results": { "t": { "acc,none": 1e400 } } }""");
        var e = Assert.Throws<DataFormatException>(() => RunHistory.LoadLmEval(Path.Combine(_dir, "run"), new TokenSpec { TokensPerStep = 1 }));
        Assert.Contains("task 't' key 'acc,none': expected a finite number, found 1e400", e.Message);
    }

    [Fact]
    public void DescriptionsOfLmEvalRunsRoundTripAndNullsMustBeFilledIn()
    {
        var json = """
        {
          "runs": [
            { "name": "a", "file": "a", "format": "lmEval", "size": "1M", "parameters": 1e6, "tokens": { "tokensPerStep": 1000 } },
            { "name": "b", "file": "b/*.json", "format": "lmEval", "size": "2M", "parameters": null, "flopsPerToken": null,
              "tokens": { "source": "perCheckpoint", "checkpoints": { "step1": 10, "step2": null } } },
            { "name": "c", "file": "c.csv", "size": "3M", "parameters": 3e6, "tokens": { "source": "fixed", "value": null } }
          ],
          "tasks": [
            { "name": "lambada", "chance": null, "loss": [ { "column": "lambada_openai/perplexity" } ], "lossTransform": "log",
              "accuracy": [ { "column": "lambada_openai/acc" } ] },
            { "name": "piqa", "chance": 0.5, "accuracy": [ { "column": "piqa/acc_norm" } ] }
          ],
          "todo": [ "fill in N" ]
        }
        """;
        var e = Assert.Throws<DataFormatException>(() => LadderDescriptionFile.Parse(json, "mine.json", _dir));
        Assert.StartsWith("mine.json: the ladder description is not complete; fill in ", e.Message);
        foreach (var field in new[] { "runs[1].parameters", "runs[1].tokens.checkpoints['step2']", "runs[2].tokens.value", "tasks[0].chance" })
            Assert.Contains(field, e.Message);
        Assert.DoesNotContain("runs[0]", e.Message);

        var filled = json.Replace("\"parameters\": null", "\"parameters\": 2e6").Replace("\"step2\": null", "\"step2\": 20")
            .Replace("\"value\": null", "\"value\": 5e9").Replace("\"chance\": null", "\"chance\": 0");
        var d = LadderDescriptionFile.Parse(filled, "mine.json", _dir);
        Assert.Equal(RunFormat.LmEval, d.Run("b").Format);
        Assert.False(d.Run("b").HasFlopsPerToken);
        Assert.Equal(FeatureTransform.Log, d.Task("lambada").LossTransform);
        Assert.Empty(d.Task("piqa").Loss);
        var again = LadderDescriptionFile.Parse(LadderDescriptionFile.ToJson(d), "again.json", _dir);
        Assert.Equal(LadderDescriptionFile.ToJson(d), LadderDescriptionFile.ToJson(again));
        Assert.Equal(20, again.Run("b").Tokens.Checkpoints!["step2"]);
        Assert.True(double.IsNaN(again.Run("a").FlopsPerToken));
    }

    [Fact]
    public void InitScanReturnsTheRunsAndTheDraft()
    {
        Write("lm/190M-1xC_step100.json", Results(100, 0.3, 50, 1).Replace("\"results\": {", "\"results\": { \"piqa\": { \"acc,none\": 0.55, \"acc_norm,none\": 0.56 },"));
        Write("lm/190M-1xC_step200.json", Results(200, 0.35, 45, 1).Replace("\"results\": {", "\"results\": { \"piqa\": { \"acc,none\": 0.57, \"acc_norm,none\": 0.58 },"));
        Write("lm/370M-1xC/step100.json", Results(100, 0.4, 40, 1).Replace("\"results\": {", "\"results\": { \"piqa\": { \"acc,none\": 0.6, \"acc_norm,none\": 0.61 },"));
        var r = LadderInit.Scan(Path.Combine(_dir, "lm"));
        Assert.Equal(["370M-1xC", "190M-1xC"], r.Runs.Select(x => x.Name));
        Assert.Equal(["370M-1xC", "190M-1xC_step*.json"], r.Description.Runs.Select(x => x.File));
        Assert.Equal([1, 2], r.Runs.Select(x => x.Checkpoints));
        Assert.Equal(["lambada_openai/acc", "lambada_openai/perplexity", "piqa/acc", "piqa/acc_norm"], r.Metrics);
        var piqa = r.Description.Task("piqa");
        Assert.Equal(("piqa/acc_norm", 0.5), (piqa.Accuracy[0].Column, piqa.Chance));
        var lambada = r.Description.Task("lambada_openai");
        Assert.Equal(("lambada_openai/perplexity", FeatureTransform.Log), (lambada.Loss[0].Column, lambada.LossTransform));
        Assert.True(double.IsNaN(lambada.Chance));
        Assert.Equal(
            ["runs[0].parameters", "runs[0].tokens.tokensPerStep", "runs[1].parameters", "runs[1].tokens.tokensPerStep", "tasks[0].chance"],
            r.Unfilled.Select(u => u[..u.IndexOf(' ')]));
        Assert.Equal(r.Unfilled, r.Todo.Take(r.Unfilled.Count));
        Assert.Equal(1.0, r.Description.Run("190M-1xC").ChinchillaMultiple);
        Assert.Equal("190M", r.Description.Run("190M-1xC").Size);
    }
}
