using System.Text.Json;
using TaskScaling.Ladder;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Ladder;

/// <summary>The reference run's intermediates (reference-intermediates.json) and the built-in description on the shared data.</summary>
internal static class ReferenceRun
{
    public static readonly string DataRoot = DataLocation.Resolve();
    public static readonly LadderDescription Paper = PaperLadder.Create(DataRoot);

    private static readonly Lazy<JsonElement> Json = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataRoot, "olmo-ladder", "reference-intermediates.json"))).RootElement);

    public static JsonElement Root => Json.Value;

    /// <summary>Our task names → the reference's task keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> TaskKeys = new Dictionary<string, string>
    {
        ["mmlu"] = "mmlu_avg_test_5shot",
        ["hellaswag"] = "hellaswag_val_5shot",
        ["arc_challenge"] = "arc_challenge_test_5shot",
        ["arc_easy"] = "arc_easy_test_5shot",
        ["piqa"] = "piqa_val_5shot",
        ["csqa"] = "csqa_val_5shot",
        ["socialiqa"] = "socialiqa_val_5shot",
        ["openbookqa"] = "openbookqa_test_5shot",
    };

    public static JsonElement Task(string name) => Root.GetProperty("tasks").GetProperty(TaskKeys[name]);

    public static TheoryData<string> MainTasks()
    {
        var d = new TheoryData<string>();
        foreach (var t in PaperLadder.MainTasks) d.Add(t);
        return d;
    }

    /// <summary>Our run name → the reference's (our "1.3B-…" is its "1B-…").</summary>
    public static string RefRunName(string run) => run.Replace("1.3B-", "1B-");
}
