namespace TaskScaling.Ladder;

/// <summary>
/// The built-in description of the paper's ladder (Bhagia et al. 2024): 190M, 370M, 760M and 1.3B models,
/// each trained to 1, 2, 5 and 10 × the Chinchilla-optimal tokens; targets 7B-4T and 13B-5T; the eight
/// tasks of its main tables (plus BoolQ and Winogrande for the variance analysis). Run files are the W&amp;B
/// exports in <c>&lt;data&gt;/olmo-ladder/ladder-runs</c>.
/// </summary>
public static class PaperLadder
{
    public const string RunsFolder = "olmo-ladder/ladder-runs";

    /// <summary>Size label, file prefix, non-embedding parameters N, training FLOPs per token F.</summary>
    public static IReadOnlyList<(string Size, string FilePrefix, double N, double F)> Sizes { get; } =
    [
        ("190M", "190M", 190_354_176, 1_903_391_232),
        ("370M", "370M", 371_262_464, 3_443_922_944),
        ("760M", "760M", 758_220_288, 6_373_843_968),
        ("1.3B", "1B", 1_279_395_840, 10_109_071_360),
    ];

    public static IReadOnlyList<int> Multiples { get; } = [1, 2, 5, 10];

    /// <summary>MMLU's sub-category weights (stem, humanities, social sciences, other), the reference's.</summary>
    public static IReadOnlyList<(string Part, double Weight)> MmluWeights { get; } =
        [("stem", 0.215), ("humanities", 0.335), ("social_sciences", 0.219), ("other", 0.231)];

    public static IReadOnlyList<string> MainTasks { get; } =
        ["mmlu", "hellaswag", "arc_challenge", "arc_easy", "piqa", "csqa", "socialiqa", "openbookqa"];

    /// <summary>The description with run files under <paramref name="dataRoot"/>/olmo-ladder/ladder-runs.</summary>
    public static LadderDescription Create(string dataRoot)
    {
        var runs = new List<LadderRun>();
        foreach (var (size, prefix, n, f) in Sizes)
            foreach (var k in Multiples)
                runs.Add(new LadderRun
                {
                    Name = $"{size}-{k}xC", File = $"{prefix}-{k}xC.csv", Size = size,
                    Parameters = n, FlopsPerToken = f, Role = RunRole.Ladder, ChinchillaMultiple = k,
                });
        runs.Add(new LadderRun
        {
            Name = "7B-4T", File = "peteish7_eval_anneal.csv", Size = "7B", Parameters = 6_887_575_552,
            FlopsPerToken = 49_412_071_424, Role = RunRole.Target, IntermediateFile = "peteish7_eval_170k-450k.csv",
        });
        runs.Add(new LadderRun
        {
            Name = "13B-5T", File = "peteish13_eval_final.csv", Size = "13B", Parameters = 13_202_396_160,
            FlopsPerToken = 91_335_915_520, Role = RunRole.Target, IntermediateFile = "peteish13_eval_50k-150k.csv",
        });

        var tasks = new List<LadderTask>
        {
            Mmlu(),
            Simple("hellaswag", "HellaSwag", "hellaswag_val", 0.25),
            Simple("arc_challenge", "ARC-Challenge", "arc_challenge_test", 0.25),
            Simple("arc_easy", "ARC-Easy", "arc_easy_test", 0.25),
            Simple("piqa", "PIQA", "piqa_val", 0.5),
            Simple("csqa", "CSQA", "csqa_val", 0.2),
            Simple("socialiqa", "SocialIQA", "socialiqa_val", 1.0 / 3.0),
            Simple("openbookqa", "OpenBookQA", "openbookqa_test", 0.25),
            Simple("boolq", "BoolQ", "boolq_val", 0.5, accuracySuffix: "acc"),
            Simple("winogrande", "Winogrande", "winogrande_val", 0.5),
        };

        return new LadderDescription
        {
            Name = "OLMo ladder (Bhagia et al. 2024)",
            Runs = runs,
            Tasks = tasks,
            DefaultTasks = MainTasks,
            VarianceRun = "1.3B-10xC",
            VarianceTasks = ["mmlu", "hellaswag", "arc_challenge", "arc_easy", "boolq", "csqa", "openbookqa", "piqa", "socialiqa", "winogrande"],
            AnalysisTarget = "7B-4T",
            BaseDirectory = Path.GetFullPath(Path.Combine(dataRoot, RunsFolder)),
            Source = "built-in paper ladder",
        };
    }

    private static LadderTask Simple(string name, string display, string key, double chance, string accuracySuffix = "len_norm") => new()
    {
        Name = name, DisplayName = display, Chance = chance,
        Loss = [new($"eval/downstream_bpb/{key}_rc_5shot_bpb")],
        Accuracy = [new($"eval/downstream/{key}_rc_5shot_{accuracySuffix}")],
        LogProbability = [new($"eval/downstream_soft_log/{key}_rc_5shot_soft_log")],
        McAccuracy = [new($"eval/downstream/{key}_mc_5shot_acc")],
    };

    private static LadderTask Mmlu() => new()
    {
        Name = "mmlu", DisplayName = "MMLU", Chance = 0.25,
        Loss = MmluWeights.Select(w => new WeightedColumn($"eval/downstream_bpb/mmlu_{w.Part}_test_rc_5shot_bpb", w.Weight)).ToArray(),
        Accuracy = MmluWeights.Select(w => new WeightedColumn($"eval/downstream/mmlu_{w.Part}_test_rc_5shot_len_norm", w.Weight)).ToArray(),
        LogProbability = MmluWeights.Select(w => new WeightedColumn($"eval/downstream_soft_log/mmlu_{w.Part}_test_rc_5shot_soft_log", w.Weight)).ToArray(),
        McAccuracy = MmluWeights.Select(w => new WeightedColumn($"eval/downstream/mmlu_{w.Part}_test_mc_5shot_len_norm", w.Weight)).ToArray(),
    };
}
