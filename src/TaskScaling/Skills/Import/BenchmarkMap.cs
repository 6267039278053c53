using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Data.Internals;

namespace TaskScaling.Skills.Import;

/// <summary>
/// Which lm-evaluation-harness task and metric give each of the twelve benchmarks of the skills method.
/// <para>
/// Open LLM Leaderboard v2 (lm-eval's "leaderboard" task group, <c>lm_eval/tasks/leaderboard/README.md</c>;
/// metrics as the leaderboard reports them on model cards and in
/// https://huggingface.co/docs/leaderboards/open_llm_leaderboard/about and …/normalization — the skills
/// table holds the raw values, before the leaderboard's normalisation):
/// IFEval ← leaderboard_ifeval, mean of prompt_level_strict_acc and inst_level_strict_acc (0-shot);
/// BBH ← leaderboard_bbh acc_norm (3-shot); MATH Lvl 5 ← leaderboard_math_hard exact_match (4-shot);
/// GPQA ← leaderboard_gpqa acc_norm (0-shot); MUSR ← leaderboard_musr acc_norm (0-shot);
/// MMLU-PRO ← leaderboard_mmlu_pro acc (5-shot).
/// </para>
/// <para>
/// Open LLM Leaderboard v1 (its About page: ARC 25-shot acc_norm, HellaSwag 10-shot acc_norm, MMLU 5-shot
/// acc averaged over subjects, TruthfulQA 0-shot mc2, Winogrande 5-shot acc, GSM8K 5-shot exact match),
/// in current lm-eval task names: MMLU ← mmlu acc, unweighted mean over the 57 subjects;
/// ARC ← arc_challenge acc_norm; HellaSwag ← hellaswag acc_norm; Winogrande ← winogrande acc;
/// TruthfulQA ← truthfulqa_mc2 acc; GSM8K ← gsm8k exact_match,strict-match.
/// </para>
/// The few-shot settings are not checked: the map names what to read, the user chooses how to run.
/// Override entries with <see cref="Load"/> (JSON or CSV) and <see cref="With"/>.
/// </summary>
public sealed class BenchmarkMap
{
    private readonly Dictionary<string, BenchmarkSource> _entries;

    public static BenchmarkMap Default { get; } = new(
    [
        new("MMLU", "mmlu", ["acc"], ScoreAggregate.SubtaskMean),
        new("ARC", "arc_challenge", ["acc_norm"]),
        new("HellaSwag", "hellaswag", ["acc_norm"]),
        new("Winogrande", "winogrande", ["acc"]),
        new("TruthfulQA", "truthfulqa_mc2", ["acc"]),
        new("GSM8K", "gsm8k", ["exact_match,strict-match"]),
        new("IFEval", "leaderboard_ifeval", ["prompt_level_strict_acc", "inst_level_strict_acc"]),
        new("BBH", "leaderboard_bbh", ["acc_norm"]),
        new("MATH Lvl 5", "leaderboard_math_hard", ["exact_match"]),
        new("GPQA", "leaderboard_gpqa", ["acc_norm"]),
        new("MUSR", "leaderboard_musr", ["acc_norm"]),
        new("MMLU-PRO", "leaderboard_mmlu_pro", ["acc"]),
    ]);

    private BenchmarkMap(IEnumerable<BenchmarkSource> entries) =>
        _entries = entries.ToDictionary(e => e.Benchmark, StringComparer.Ordinal);

    /// <summary>The entries in <see cref="BenchmarkSets.All"/> order (benchmarks without an entry are left out).</summary>
    public IReadOnlyList<BenchmarkSource> Entries =>
        BenchmarkSets.All.Where(_entries.ContainsKey).Select(b => _entries[b]).ToList();

    public bool TryGet(string benchmark, out BenchmarkSource source) => _entries.TryGetValue(benchmark, out source!);

    /// <summary>This map with some entries replaced; each benchmark must be one of the twelve.</summary>
    public BenchmarkMap With(IEnumerable<BenchmarkSource> overrides)
    {
        var merged = new Dictionary<string, BenchmarkSource>(_entries, StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            if (!BenchmarkSets.All.Contains(o.Benchmark))
                throw new InvalidRequestException($"benchmark '{o.Benchmark}' is not one of the skills benchmarks" +
                    $" (did you mean '{TaskScaling.Data.LmEval.NameSuggestion.Nearest(o.Benchmark, BenchmarkSets.All)}'?); they are: {string.Join(", ", BenchmarkSets.All)}");
            merged[o.Benchmark] = o;
        }
        return new BenchmarkMap(merged.Values);
    }

    /// <summary>
    /// The default map overridden by a file. JSON: an array of objects
    /// <c>{"benchmark": "ARC", "task": "arc_easy", "metric": "acc"}</c> ("metric" may join several with '+',
    /// or use "metrics": [...]; optional "aggregate": "value" | "subtask-mean"). CSV: columns benchmark,
    /// task, metric and optionally aggregate.
    /// </summary>
    public static BenchmarkMap Load(string path) => Default.With(ReadOverrides(path));

    public static IReadOnlyList<BenchmarkSource> ReadOverrides(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, null, "file not found");
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(path) : FromCsv(CsvTable.Load(path));
    }

    private static List<BenchmarkSource> FromCsv(CsvTable csv)
    {
        var list = new List<BenchmarkSource>();
        int cAgg = csv.HasColumn("aggregate") ? csv.ColumnIndex("aggregate") : -1;
        for (int i = 0; i < csv.RowCount; i++)
        {
            int line = csv.RowLines[i];
            string Required(string column)
            {
                var v = csv.Cell(i, column).Trim();
                return v.Length > 0 ? v : throw new DataFormatException(csv.Source, line, column, "empty cell");
            }
            list.Add(Entry(Required("benchmark"), Required("task"), SplitMetrics(Required("metric")),
                cAgg >= 0 ? csv.Rows[i][cAgg] : null, csv.Source, line));
        }
        return list;
    }

    private static List<BenchmarkSource> FromJson(string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(InputFile.ReadText(path)); }
        catch (JsonException e)
        {
            throw new DataFormatException(path, e.LineNumber is { } l ? (int)l + 1 : null, null,
                $"malformed JSON at byte {(e.BytePositionInLine ?? 0) + 1} of the line", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(path, null, null, "expected a JSON array of {benchmark, task, metric} objects");
            var list = new List<BenchmarkSource>();
            int index = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var where = $"entry {index++}";
                string Str(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) &&
                                           v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                    ? s.Trim() : throw new DataFormatException(path, null, null, $"{where}: missing string \"{name}\"");
                IReadOnlyList<string> metrics = e.TryGetProperty("metrics", out var ms) && ms.ValueKind == JsonValueKind.Array
                    ? ms.EnumerateArray().Select(m => m.GetString() ?? "").Where(m => m.Length > 0).ToList()
                    : SplitMetrics(Str("metric"));
                string? agg = e.TryGetProperty("aggregate", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                list.Add(Entry(Str("benchmark"), Str("task"), metrics, agg, path, null, where));
            }
            return list;
        }
    }

    private static List<string> SplitMetrics(string text) =>
        text.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static BenchmarkSource Entry(string benchmark, string task, IReadOnlyList<string> metrics, string? aggregate,
        string source, int? line, string? where = null)
    {
        if (metrics.Count == 0) throw new DataFormatException(source, line, null, $"{where ?? "row"}: no metric given");
        var agg = (aggregate ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "value" => ScoreAggregate.Value,
            "subtask-mean" or "subtaskmean" => ScoreAggregate.SubtaskMean,
            var other => throw new DataFormatException(source, line, "aggregate", $"unknown aggregate '{other}' (expected value or subtask-mean)"),
        };
        return new BenchmarkSource(benchmark, task, metrics, agg);
    }
}
