using System.Text.Json;
using System.Text.Json.Nodes;
using TaskScaling.Cli;
using TaskScaling.Ladder;
using TaskScaling.Tests.Data.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// `ladder init` on a folder of W&amp;B CSVs and on an lm-eval tree: it lists runs and metrics and writes a draft;
/// `ladder predict --ladder` refuses the draft naming every field to fill in (exit 2, nothing written), and predicts
/// once they are filled. Bad lm-eval input is one error line and exit code 2.
/// </summary>
[Collection("Console")]
public sealed class LadderInitCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-init").FullName;
    private static readonly string Runs = Path.Combine(ReferenceRun.DataRoot, PaperLadder.RunsFolder);

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try { return (Program.Run(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private string P(params string[] parts) => Path.Combine([_dir, .. parts]);

    private static IEnumerable<(string Size, string Prefix, double N, int K)> Ladder(params string[] sizes) =>
        from s in PaperLadder.Sizes where sizes.Contains(s.Size) from k in PaperLadder.Multiples select (s.Size, s.FilePrefix, s.N, k);

    /// <summary>An lm-eval tree: one folder per run of 190M, 370M and 760M (three sizes: two cannot identify step 1's
    /// N exponent), a results JSON per checkpoint with revision=stepN.</summary>
    private string LmEvalTree()
    {
        var root = P("lm-eval");
        foreach (var (_, prefix, _, k) in Ladder("190M", "370M", "760M"))
            LmEvalConversion.Convert(Path.Combine(Runs, $"{prefix}-{k}xC.csv"), Path.Combine(root, $"{prefix}-{k}xC"), $"{prefix}-{k}xC", StepNaming.Revision);
        return root;
    }

    [Fact]
    public void InitOnWandbCsvsListsRunsAndPredictRefusesUntilNIsFilled()
    {
        var folder = Directory.CreateDirectory(P("wandb")).FullName;
        foreach (var (_, prefix, _, k) in Ladder("190M", "370M", "760M"))
            File.CreateSymbolicLink(Path.Combine(folder, $"{prefix}-{k}xC.csv"), Path.Combine(Runs, $"{prefix}-{k}xC.csv"));
        File.CreateSymbolicLink(Path.Combine(folder, "peteish13_eval_final.csv"), Path.Combine(Runs, "peteish13_eval_final.csv"));

        var (code, stdout, err) = Run("ladder", "init", folder, "--out", P("ladder.json"));
        Assert.True(code == 0, err);
        Assert.Contains("found 13 run(s)", stdout);
        Assert.Contains("190M-1xC", stdout);
        Assert.Contains("peteish13_eval_final", stdout);
        Assert.Contains("eval/downstream/winogrande_val_rc_5shot_len_norm", File.ReadAllText(P("ladder.json")));
        Assert.Contains("winogrande_val", stdout);

        (code, _, err) = Run("ladder", "predict", "--ladder", P("ladder.json"), "--out", P("pred.txt"));
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.Contains("not complete", err);
        for (int i = 0; i < 13; i++) Assert.Contains($"runs[{i}].parameters", err);
        Assert.False(File.Exists(P("pred.txt")));

        // Fill in N, mark the 13B run as the target, keep three tasks.
        var node = JsonNode.Parse(File.ReadAllText(P("ladder.json")))!;
        foreach (var run in node["runs"]!.AsArray())
        {
            var name = run!["name"]!.GetValue<string>();
            if (name == "peteish13_eval_final") { run["parameters"] = 13_202_396_160; run["role"] = "target"; continue; }
            run["parameters"] = PaperLadder.Sizes.Single(s => name.StartsWith(s.FilePrefix + "-", StringComparison.Ordinal)).N;
        }
        File.WriteAllText(P("ladder.json"), node.ToJsonString());
        (code, _, err) = Run("ladder", "predict", "--ladder", P("ladder.json"), "--tasks", "winogrande_val,hellaswag_val,boolq_val",
            "--format", "json", "--out", P("pred.json"));
        Assert.True(code == 0, err);
        var doc = Assert.Single(JsonDocument.Parse(File.ReadAllText(P("pred.json"))).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("peteish13_eval_final", doc.GetProperty("target").GetString());
        var tasks = doc.GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(3, tasks.Length);
        Assert.All(tasks, t => Assert.InRange(t.GetProperty("predicted").GetDouble(), 0.0, 1.0));
    }

    [Fact]
    public void InitLeavesOutStepZeroAndFlagsMixedFewShot()
    {
        var run = P("few", "r1");
        Directory.CreateDirectory(run);
        void Write(int step, int shots) => File.WriteAllText(Path.Combine(run, $"results_step{step}.json"),
            $$"""{ "results": { "piqa": { "acc,none": 0.{{6 + step / 1000}} } }, "n-shot": { "piqa": {{shots}} }, "config": { "model_args": "pretrained=x,revision=step{{step}}" } }""");
        Write(0, 0);
        Write(1000, 0);
        Write(2000, 5);
        var (code, _, err) = Run("ladder", "init", P("few"), "--out", P("few.json"));
        Assert.True(code == 0, err);
        var todo = JsonNode.Parse(File.ReadAllText(P("few.json")))!["todo"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("run r1: the step-0 checkpoint is left out (D = 0)", todo);
        Assert.Contains(todo, t => t.StartsWith("run r1: its files differ in num_fewshot for 1 task(s) (piqa; e.g. piqa: 0-shot in results_step1000.json, 5-shot in results_step2000.json)", StringComparison.Ordinal));
    }

    [Fact]
    public void InitOnAnLmEvalTreeAsksForNAndTokensPerStepThenPredicts()
    {
        var tree = LmEvalTree();
        var (code, stdout, err) = Run("ladder", "init", tree, "--out", P("lm.json"));
        Assert.True(code == 0, err);
        Assert.Contains("found 12 run(s)", stdout);
        Assert.Contains("[lm-eval]", stdout);
        Assert.Contains("c4_en-validation/word_perplexity", stdout);
        Assert.Contains("hellaswag_val_rc_5shot", stdout);
        Assert.Contains("step × tokensPerStep", stdout);
        var draft = File.ReadAllText(P("lm.json"));
        Assert.Contains("hellaswag_val_rc_5shot/acc_norm", draft);
        Assert.Contains("\"tokensPerStep\": null", draft);
        Assert.Contains("\"todo\"", draft);

        (code, _, err) = Run("ladder", "predict", "--ladder", P("lm.json"), "--params", "1e9", "--tokens", "1e11", "--out", P("p.txt"));
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        for (int i = 0; i < 12; i++)
        {
            Assert.Contains($"runs[{i}].parameters", err);
            Assert.Contains($"runs[{i}].tokens.tokensPerStep", err);
        }
        Assert.False(File.Exists(P("p.txt")));

        var node = JsonNode.Parse(draft)!;
        foreach (var run in node["runs"]!.AsArray())
        {
            var name = run!["name"]!.GetValue<string>();
            var size = Ladder("190M", "370M", "760M").First(s => name.StartsWith(s.Prefix + "-", StringComparison.Ordinal));
            run["parameters"] = size.N;
            run["tokens"]!["tokensPerStep"] = LmEvalConversion.Tokens(Path.Combine(Runs, name + ".csv")).TokensPerStep;
        }
        File.WriteAllText(P("lm.json"), node.ToJsonString());
        var lm = LadderDescriptionFile.Read(P("lm.json"));
        Assert.Equal("c4_en-validation/word_perplexity", lm.C4LossColumn);
        Assert.Equal(TaskScaling.Ladder.FeatureTransform.Log, lm.C4LossTransform);
        Assert.Equal(0.25, lm.Task("hellaswag_val_rc_5shot").Chance);

        (code, _, err) = Run("ladder", "predict", "--ladder", P("lm.json"), "--params", "1279395840", "--tokens", "2.5e10",
            "--tasks", "hellaswag_val_rc_5shot,piqa_val_rc_5shot", "--format", "json", "--out", P("p.json"));
        Assert.True(code == 0, err);
        var tasks = JsonDocument.Parse(File.ReadAllText(P("p.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(2, tasks.Length);
        Assert.All(tasks, t => Assert.InRange(t.GetProperty("predicted").GetDouble(), 0.0, 1.0));

        // The c4 feature: the draft's C4 column is the converted C4 perplexity, read through the log transform.
        (code, _, err) = Run("ladder", "predict", "--ladder", P("lm.json"), "--params", "1279395840", "--tokens", "2.5e10",
            "--tasks", "hellaswag_val_rc_5shot", "--feature", "c4", "--format", "json", "--out", P("c4.json"));
        Assert.True(code == 0, err);
        var c4 = JsonDocument.Parse(File.ReadAllText(P("c4.json"))).RootElement.GetProperty("targets")[0].GetProperty("tasks")[0];
        Assert.InRange(c4.GetProperty("predicted").GetDouble(), 0.0, 1.0);

        // Written into the folder it scans, a second init does not read its own draft.
        (code, stdout, err) = Run("ladder", "init", tree, "--out", Path.Combine(tree, "ladder.json"));
        Assert.True(code == 0, err);
        Assert.Contains("found 12 run(s)", stdout);
        (code, stdout, err) = Run("ladder", "init", tree, "--out", Path.Combine(tree, "ladder.json"));
        Assert.True(code == 0, err);
        Assert.Contains("found 12 run(s)", stdout);
    }

    [Fact]
    public void BadLmEvalInputIsOneErrorLineAndExitCodeTwo()
    {
        var tree = LmEvalTree();
        Assert.Equal(0, Run("ladder", "init", tree, "--out", P("lm.json")).Code);
        var node = JsonNode.Parse(File.ReadAllText(P("lm.json")))!;
        foreach (var run in node["runs"]!.AsArray())
        {
            run!["parameters"] = PaperLadder.Sizes.Single(z => run["name"]!.GetValue<string>().StartsWith(z.FilePrefix + "-", StringComparison.Ordinal)).N;
            run["tokens"]!["tokensPerStep"] = 524288;
        }
        string Write(string name, JsonNode n) { File.WriteAllText(P(name), n.ToJsonString()); return P(name); }
        (int Code, string Err) Predict(string ladder, params string[] extra)
        {
            var (c, _, e) = Run(["ladder", "predict", "--ladder", ladder, "--params", "1e9", "--tokens", "1e11", "--out", P("never.txt"), .. extra]);
            if (c != 0)
            {
                Assert.False(File.Exists(P("never.txt")));
                Assert.Single(e.Trim().Split('\n'));
            }
            return (c, e);
        }
        var good = Write("good.json", node);
        Assert.Equal(0, Predict(good, "--tasks", "piqa_val_rc_5shot").Code);
        File.Delete(P("never.txt"));

        // A task that does not exist: the ones that exist are listed, the nearest suggested.
        var typo = node.DeepClone();
        var piqa = typo["tasks"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "piqa_val_rc_5shot")!;
        piqa["accuracy"]![0]!["column"] = "piqa_vall_rc_5shot/acc_norm";
        var (code, err) = Predict(Write("typo.json", typo), "--tasks", "piqa_val_rc_5shot");
        Assert.Equal(2, code);
        Assert.Contains("no checkpoint has task 'piqa_vall_rc_5shot'", err);
        Assert.Contains("did you mean 'piqa_val_rc_5shot'", err);
        Assert.Contains("hellaswag_val_rc_5shot", err);

        // A metric that does not exist.
        piqa["accuracy"]![0]!["column"] = "piqa_val_rc_5shot/acc_nrom";
        (code, err) = Predict(Write("metric.json", typo), "--tasks", "piqa_val_rc_5shot");
        Assert.Equal(2, code);
        Assert.Contains("has no metric 'acc_nrom'", err);
        Assert.Contains("did you mean 'acc_norm'", err);
        Assert.Contains("bits_per_byte", err);

        // Missing N and missing tokens.
        var noN = node.DeepClone();
        noN["runs"]![2]!["parameters"] = null;
        noN["runs"]![5]!["tokens"]!["tokensPerStep"] = null;
        (code, err) = Predict(Write("non.json", noN));
        Assert.Equal(2, code);
        Assert.Contains("runs[2].parameters", err);
        Assert.Contains("runs[5].tokens.tokensPerStep", err);
        Assert.DoesNotContain("runs[3]", err);

        // A checkpoint file without a step when D is step × tokens per step.
        var first = Directory.GetDirectories(tree).Order(StringComparer.Ordinal).First();
        var stepless = Path.Combine(first, "extra_checkpoint.json");
        File.WriteAllText(stepless, """{ "results": { "piqa_val_rc_5shot": { "acc_norm,none": 0.6 } }, "config": { "model_args": "pretrained=x" } }""");
        (code, err) = Predict(good, "--tasks", "piqa_val_rc_5shot");
        Assert.Equal(2, code);
        Assert.Contains("extra_checkpoint.json", err);
        Assert.Contains("no training step", err);

        // Malformed JSON: the file and the position.
        File.WriteAllText(stepless, "{ \"results\": { \"piqa_val_rc_5shot\": { \"acc_norm,none\": 0.6,, } } }");
        (code, err) = Predict(good, "--tasks", "piqa_val_rc_5shot");
        Assert.Equal(2, code);
        Assert.Contains("extra_checkpoint.json", err);
        Assert.Contains("line 1", err);
        Assert.Contains("malformed JSON at byte", err);

        // init on a folder with nothing to read writes nothing.
        var empty = Directory.CreateDirectory(P("empty")).FullName;
        var (c2, _, e2) = Run("ladder", "init", empty, "--out", P("empty.json"));
        Assert.Equal(2, c2);
        Assert.Contains("no run files found", e2);
        Assert.False(File.Exists(P("empty.json")));
    }
}
