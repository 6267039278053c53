using System.Globalization;
using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Data.Runs;
using TaskScaling.Ladder;

namespace TaskScaling.Tests.Data.Ladder;

/// <summary>How a converted checkpoint file says its step.</summary>
internal enum StepNaming
{
    /// <summary>model_args "pretrained=…,revision=stepN" (a string), file results_&lt;i&gt;.json.</summary>
    Revision,
    /// <summary>File stepN.json, model_args an object without a revision.</summary>
    FileName,
    /// <summary>No step anywhere (file checkpoint_&lt;i&gt;.json): D must be given per checkpoint or fixed.</summary>
    None,
}

/// <summary>
/// Test helper: the shipped W&amp;B CSVs rewritten as lm-evaluation-harness results (current layout), one JSON per
/// checkpoint (CSV row). OLMo's columns become lm-eval-style tasks and metrics:
/// eval/downstream_bpb/K_bpb → K/bits_per_byte, eval/downstream/K_len_norm → K/acc_norm, eval/downstream/K_acc → K/acc,
/// eval/downstream_soft_log/K_soft_log → K/logprob, eval/downstream_soft/K_soft → K/prob, and each
/// eval/S/CrossEntropyLoss → S/word_perplexity = exp(loss) (read back through the log transform).
/// </summary>
internal static class LmEvalConversion
{
    public static (string Task, string Metric)? Map(string column)
    {
        string[] parts = column.Split('/');
        if (parts.Length != 3 || parts[0] != "eval") return null;
        var (group, name) = (parts[1], parts[2]);
        if (name == "CrossEntropyLoss") return (group, "word_perplexity");
        return group switch
        {
            "downstream_bpb" when name.EndsWith("_bpb") => (name[..^4], "bits_per_byte"),
            "downstream" when name.EndsWith("_len_norm") => (name[..^9], "acc_norm"),
            "downstream" when name.EndsWith("_acc") => (name[..^4], "acc"),
            "downstream_soft_log" when name.EndsWith("_soft_log") => (name[..^9], "logprob"),
            "downstream_soft" when name.EndsWith("_soft") => (name[..^5], "prob"),
            _ => null,
        };
    }

    /// <summary>The lm-eval column ("task/metric") of a W&amp;B column.</summary>
    public static string Column(string wandb) => Map(wandb) is { } m ? $"{m.Task}/{m.Metric}" : throw new ArgumentException(wandb);

    /// <summary>Writes one results file per CSV row into <paramref name="folder"/>; returns the files' step (or null) per row.</summary>
    public static void Convert(string csv, string folder, string model, StepNaming naming)
    {
        var t = CsvTable.Load(csv);
        Directory.CreateDirectory(folder);
        var columns = t.Header.Where(c => Map(c) is not null).ToList();
        for (int r = 0; r < t.RowCount; r++)
        {
            long? step = t.HasColumn("_step") ? (long)t.Number(r, "_step") : null;
            var name = naming switch
            {
                StepNaming.Revision => $"results_{r:D4}.json",
                StepNaming.FileName => $"step{step}.json",
                _ => $"checkpoint_{r:D4}.json",
            };
            using var stream = File.Create(Path.Combine(folder, name));
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteStartObject("results");
            foreach (var task in columns.GroupBy(c => Map(c)!.Value.Task))
            {
                w.WriteStartObject(task.Key);
                w.WriteString("alias", task.Key);
                foreach (var c in task)
                {
                    double v = t.Number(r, c);
                    if (double.IsNaN(v)) continue;
                    var metric = Map(c)!.Value.Metric;
                    w.WriteNumber($"{metric},none", metric == "word_perplexity" ? Math.Exp(v) : v);
                    w.WriteString($"{metric}_stderr,none", "N/A");
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("group_subtasks");
            w.WriteEndObject();
            w.WriteStartObject("config");
            w.WriteString("model", "hf");
            if (naming == StepNaming.Revision && step is not null)
                w.WriteString("model_args", $"pretrained=allenai/{model},revision=step{step},dtype=bfloat16");
            else
            {
                w.WriteStartObject("model_args");
                w.WriteString("pretrained", $"allenai/{model}");
                w.WriteString("dtype", "bfloat16");
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("date", 1_700_000_000 + r);
            w.WriteEndObject();
        }
    }

    /// <summary>The tokens D of a CSV's rows as the W&amp;B route reads them (Auto) and its batch size in tokens.</summary>
    public static (double[] Tokens, double? TokensPerStep, long?[] Steps) Tokens(string csv)
    {
        var h = RunHistory.Load(csv);
        var t = CsvTable.Load(csv);
        double? batch = t.HasColumn("batch_size_in_tokens") ? t.Number(0, "batch_size_in_tokens") : null;
        var steps = Enumerable.Range(0, t.RowCount).Select(r => t.HasColumn("_step") ? (long?)(long)t.Number(r, "_step") : null).ToArray();
        return (h.Tokens(TokenSpec.Auto), batch, steps);
    }

    /// <summary>A task of a W&amp;B description with its columns renamed to the converted lm-eval ones.</summary>
    public static LadderTask Task(LadderTask t) => t with
    {
        Loss = t.Loss.Select(Rename).ToArray(),
        Accuracy = t.Accuracy.Select(Rename).ToArray(),
        LogProbability = t.LogProbability.Select(Rename).ToArray(),
        McAccuracy = t.McAccuracy.Select(Rename).ToArray(),
    };

    private static WeightedColumn Rename(WeightedColumn c) => c with { Column = Column(c.Column) };

    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
