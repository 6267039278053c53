using System.Globalization;
using System.Text.Json.Nodes;
using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// Ladders a user writes as JSON from the shipped W&amp;B CSVs: one that is not the built-in ladder (only the
/// 190M–760M runs, other tasks) predicts end to end; one that re-expresses the built-in runs with extra tasks gives
/// the built-in description's numbers for the built-in tasks exactly.
/// </summary>
public sealed class UserLadderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("user-ladder").FullName;
    private static readonly string Runs = Path.Combine(ReferenceRun.DataRoot, PaperLadder.RunsFolder);

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A description as a user writes it: 190M, 370M and 760M only; Winogrande, BoolQ and ARC-Easy (val split)
    /// with their own column names; the 7B target; no FLOPs per token on the ladder runs.</summary>
    private string SmallLadderJson()
    {
        var runs = new List<string>();
        foreach (var (size, prefix, n, _) in PaperLadder.Sizes.Where(s => s.Size != "1.3B"))
            foreach (var k in PaperLadder.Multiples)
                runs.Add($$"""{ "name": "{{size}}-{{k}}xC", "file": "{{prefix}}-{{k}}xC.csv", "size": "{{size}}", "parameters": {{Num(n)}}, "chinchillaMultiple": {{k}} }""");
        runs.Add("""{ "name": "7B-4T", "file": "peteish7_eval_anneal.csv", "size": "7B", "parameters": 6887575552, "flopsPerToken": 49412071424, "role": "target" }""");
        return $$"""
        {
          // Written by hand: my ladder, my tasks.
          "name": "small ladder",
          "runs": [
            {{string.Join(",\n    ", runs)}}
          ],
          "tasks": [
            { "name": "winogrande", "displayName": "Winogrande", "chance": 0.5,
              "loss": [ { "column": "eval/downstream_bpb/winogrande_val_rc_5shot_bpb" } ],
              "accuracy": [ { "column": "eval/downstream/winogrande_val_rc_5shot_len_norm" } ] },
            { "name": "boolq", "displayName": "BoolQ", "chance": 0.5,
              "loss": [ { "column": "eval/downstream_bpb/boolq_val_rc_5shot_bpb" } ],
              "accuracy": [ { "column": "eval/downstream/boolq_val_rc_5shot_acc" } ] },
            { "name": "arc_easy_val", "chance": 0.25,
              "loss": [ { "column": "eval/downstream_bpb/arc_easy_val_rc_5shot_bpb" } ],
              "accuracy": [ { "column": "eval/downstream/arc_easy_val_rc_5shot_len_norm" } ] }
          ]
        }
        """;
    }

    [Fact]
    public void ASmallLadderWithOtherTasksPredictsEndToEnd()
    {
        var path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, SmallLadderJson());
        // Run files are relative to the description: point them at the shared data.
        var d = LadderDescriptionFile.Read(path);
        d = d with { BaseDirectory = Runs };
        Assert.Equal(12, d.LadderRuns.Count());
        Assert.All(d.LadderRuns, r => Assert.False(r.HasFlopsPerToken));

        foreach (var variant in new[] { LadderVariant.TwoStep, LadderVariant.SingleStep })
        {
            var p = LadderPredictor.Predict(d, new LadderPredictionRequest { Variant = variant });
            var target = Assert.Single(p.Targets);
            Assert.Equal("7B-4T", target.Target);
            Assert.Equal(["winogrande", "boolq", "arc_easy_val"], target.Tasks.Select(t => t.Task));
            Assert.All(target.Tasks, t =>
            {
                Assert.True(t.Status == PredictionStatus.Ok, $"{variant} {t.Task}: {t.Message}");
                Assert.True(double.IsFinite(t.Predicted!.Value) && t.Predicted is >= 0 and <= 1, $"{variant} {t.Task}: {t.Predicted}");
                Assert.NotNull(t.Actual);
            });
        }
        // The flops variant needs F of the ladder runs, which this description does not give.
        var e = Assert.Throws<TaskScaling.InvalidRequestException>(() =>
            VariantSupport.Require(new LadderData(d), new LadderPredictionRequest { Variant = LadderVariant.Flops }));
        Assert.Contains("flopsPerToken", e.Message);
    }

    [Fact]
    public void TheBuiltInRunsWithExtraTasksGiveTheBuiltInNumbersExactly()
    {
        // Start from `ladder describe` (the built-in description as JSON), add two tasks, make files absolute.
        var node = JsonNode.Parse(LadderDescriptionFile.ToJson(ReferenceRun.Paper))!;
        foreach (var run in node["runs"]!.AsArray())
        {
            run!["file"] = Path.Combine(Runs, run["file"]!.GetValue<string>());
            if (run["intermediateFile"] is { } f) run["intermediateFile"] = Path.Combine(Runs, f.GetValue<string>());
        }
        var tasks = node["tasks"]!.AsArray();
        tasks.Add(JsonNode.Parse("""{ "name": "arc_easy_val", "chance": 0.25, "loss": [ { "column": "eval/downstream_bpb/arc_easy_val_rc_5shot_bpb" } ], "accuracy": [ { "column": "eval/downstream/arc_easy_val_rc_5shot_len_norm" } ] }"""));
        tasks.Add(JsonNode.Parse("""{ "name": "openbookqa_val", "chance": 0.25, "loss": [ { "column": "eval/downstream_bpb/openbookqa_val_rc_5shot_bpb" } ], "accuracy": [ { "column": "eval/downstream/openbookqa_val_rc_5shot_len_norm" } ] }"""));
        node["defaultTasks"] = new JsonArray([.. PaperLadder.MainTasks.Select(t => JsonValue.Create(t)), JsonValue.Create("arc_easy_val"), JsonValue.Create("openbookqa_val")]);
        var path = Path.Combine(_dir, "extended.json");
        File.WriteAllText(path, node.ToJsonString());
        var mine = LadderDescriptionFile.Read(path);

        var builtIn = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest());
        var extended = LadderPredictor.Predict(mine, new LadderPredictionRequest());
        Assert.Equal(10, extended.Targets[0].Tasks.Count);
        Assert.All(extended.Targets.SelectMany(t => t.Tasks), t => Assert.Equal(PredictionStatus.Ok, t.Status));
        for (int t = 0; t < builtIn.Targets.Count; t++)
            foreach (var a in builtIn.Targets[t].Tasks)
            {
                var b = extended.Targets[t].Tasks.Single(x => x.Task == a.Task);
                Assert.Equal(
                    (a.Predicted, a.Lower, a.Upper, a.Actual, a.PredictedLoss, a.ActualLoss, a.Step2Predicted),
                    (b.Predicted, b.Lower, b.Upper, b.Actual, b.PredictedLoss, b.ActualLoss, b.Step2Predicted));
                Assert.Equal(a.Step1Parameters, b.Step1Parameters);
            }
    }
}
