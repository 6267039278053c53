using System.Globalization;
using System.Text.RegularExpressions;
using TaskScaling.Data.LmEval;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>A run found by <see cref="LadderInit"/>.</summary>
/// <param name="Name">Run name (file or folder name).</param>
/// <param name="File">As written in the description (relative to the description's folder).</param>
/// <param name="Checkpoints">Rows (W&amp;B) or distinct checkpoints (lm-eval files).</param>
/// <param name="Tokens">How D will be read, or what is missing.</param>
/// <param name="Metrics">Number of metric columns ("task/metric" for lm-eval).</param>
/// <param name="ReportedParameters">lm-eval's config.model_num_parameters (all parameters, embeddings included), when given.</param>
public sealed record ScannedRun(string Name, string File, RunFormat Format, int Checkpoints, string Tokens, int Metrics, long? ReportedParameters);

/// <summary>What <see cref="LadderInit"/> found and the description it drafted.</summary>
/// <param name="Description">The draft; fields it could not infer are NaN/null (JSON null), listed in <see cref="Todo"/>.</param>
/// <param name="Runs">The runs found.</param>
/// <param name="Metrics">The metric columns every run has (sorted).</param>
/// <param name="Todo">What to fill in (the fields left null) and what to check.</param>
/// <param name="Written">The description file written, or null.</param>
public sealed record LadderInitResult(LadderDescription Description, IReadOnlyList<ScannedRun> Runs, IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Todo, string? Written)
{
    /// <summary>The fields that must be filled in before the description can be used.</summary>
    public IReadOnlyList<string> Unfilled => LadderDescriptionFile.Unfilled(Description);
}

/// <summary>
/// <c>ladder init</c>: scans a folder of run files — W&amp;B history CSVs (one per run) and/or lm-evaluation-harness
/// results (one JSON per checkpoint: each subfolder is a run; JSON files directly in the folder are grouped into runs
/// by their name without the "stepN" part) — and drafts a ladder description. What it cannot infer is left null
/// and listed in the description's <c>todo</c>: N of every run, the tokens per step of lm-eval runs (D per checkpoint
/// when the files name no step), the chance level of tasks it does not know. Reading the description refuses it
/// until those are filled in (<see cref="LadderDescriptionFile.Validate"/>).
/// <para>Tasks: W&amp;B columns named as OLMo's (eval/downstream/&lt;key&gt;_len_norm or _acc with
/// eval/downstream_bpb/&lt;key&gt;_bpb, and eval/downstream_soft_log/… and …_mc_… when present); lm-eval tasks and groups
/// with acc_norm (else acc) as accuracy and bits_per_byte (else log of a perplexity) as the loss when the task has one;
/// subtasks of a group are left out. Only metrics every run has are used. The C4 column is OLMo's C4 loss when present,
/// else (lm-eval) a language-modelling task's bits per byte or log-perplexity (names with c4, paloma, pile, wikitext
/// preferred in that order).</para>
/// </summary>
public static partial class LadderInit
{
    /// <summary>Scans <paramref name="folder"/> and writes the draft to <paramref name="outPath"/> (whole or not at all).</summary>
    public static LadderInitResult Create(string folder, string outPath)
    {
        var result = Scan(folder, Path.GetDirectoryName(Path.GetFullPath(outPath))!, exclude: Path.GetFullPath(outPath));
        LadderDescriptionFile.Write(result.Description, outPath);
        return result with { Written = Path.GetFullPath(outPath) };
    }

    /// <summary>Scans <paramref name="folder"/>; run files in the draft are relative to <paramref name="baseDirectory"/>
    /// (default: the folder itself).</summary>
    /// <param name="exclude">A file not to read (the description being written, when it is inside the folder).</param>
    public static LadderInitResult Scan(string folder, string? baseDirectory = null, string? exclude = null)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, null, null, "no such folder");
        folder = Path.GetFullPath(folder);
        baseDirectory = Path.GetFullPath(baseDirectory ?? folder);
        var runs = new List<(ScannedRun Scan, LadderRun Run, HashSet<string> Columns, LmEvalResults? Sample)>();
        var todo = new List<string>();

        foreach (var csv in Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            runs.Add(ScanCsv(csv, baseDirectory));
        foreach (var (name, file, files) in LmEvalGroups(folder, exclude))
            runs.Add(ScanLmEval(name, file, files, baseDirectory, todo));
        if (runs.Count == 0)
            throw new DataFormatException(folder, null, null, "no run files found: expected W&B history CSVs (*.csv) or lm-eval results (*.json)");
        var dup = runs.GroupBy(r => r.Run.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DataFormatException(folder, null, null, $"two runs would be named '{dup.Key}'; rename one file or folder");

        var common = runs.Select(r => r.Columns).Aggregate((a, b) => new HashSet<string>(a.Intersect(b), StringComparer.Ordinal));
        var metrics = common.OrderBy(c => c, StringComparer.Ordinal).ToList();
        bool anyLm = runs.Any(r => r.Run.Format == RunFormat.LmEval), anyCsv = runs.Any(r => r.Run.Format == RunFormat.Wandb);
        if (anyLm && anyCsv) todo.Add("the folder mixes W&B CSVs and lm-eval results: their metric names differ, so tasks use only what both have");

        var tasks = new List<LadderTask>();
        tasks.AddRange(WandbTasks(common));
        tasks.AddRange(LmEvalTasks(common, runs.Select(r => r.Sample).Where(s => s is not null).ToList()!));
        var description = new LadderDescription
        {
            Name = Path.GetFileName(folder),
            Runs = runs.Select(r => r.Run).ToList(),
            Tasks = tasks,
            BaseDirectory = baseDirectory,
            Source = "ladder init",
        };
        var (c4, c4Transform) = C4Column(common);
        if (c4 is not null) description = description with { C4LossColumn = c4, C4LossTransform = c4Transform };

        var blocking = LadderDescriptionFile.Unfilled(description);
        var all = new List<string>(blocking);
        all.Add("set role 'target' on the runs to predict (all runs are 'ladder' in this draft), or predict hypothetical targets with --params and --tokens");
        if (runs.Any(r => !r.Run.HasFlopsPerToken)) all.Add("optional: flopsPerToken of each run (needed only by the flops variant)");
        foreach (var r in runs.Where(r => r.Scan.ReportedParameters is not null))
            all.Add($"run {r.Run.Name}: lm-eval reports {r.Scan.ReportedParameters} parameters in all; N is the non-embedding count");
        var noLoss = tasks.Where(t => t.Loss.Count == 0).Select(t => t.Name).ToList();
        if (noLoss.Count > 0)
            all.Add($"tasks without a loss metric ({string.Join(", ", noLoss)}): only single-step and direct-accuracy, or the c4 feature, are possible; name a metric as loss (with lossTransform) if you have one");
        if (c4 is null && anyLm) all.Add("no language-modelling loss found (e.g. wikitext, paloma): the c4 feature is not available");
        if (tasks.Count == 0) all.Add("no tasks recognised: add tasks naming the accuracy (and loss) metrics");
        else if (tasks.Any(t => !double.IsNaN(t.Chance))) all.Add("check the chance levels filled in from the task names");
        todo.InsertRange(0, all);
        description = description with { Todo = todo };

        return new LadderInitResult(description, runs.Select(r => r.Scan).ToList(), metrics, todo, null);
    }

    private static (ScannedRun, LadderRun, HashSet<string>, LmEvalResults?) ScanCsv(string path, string baseDirectory)
    {
        var h = RunHistory.Load(path);
        var columns = new HashSet<string>(h.Columns, StringComparer.Ordinal);
        var spec = TokenSpec.Auto;
        string tokens = "throughput/total_tokens, else _step × batch_size_in_tokens";
        if (!columns.Contains(spec.Column) && !(columns.Contains(spec.StepColumn) && columns.Contains(spec.BatchColumn)))
        {
            spec = new TokenSpec { Source = TokenSource.Fixed, Value = null };
            tokens = "unknown (no tokens or step × batch columns)";
        }
        var name = Path.GetFileNameWithoutExtension(path);
        var run = NewRun(name, Rel(path, baseDirectory), RunFormat.Wandb, spec);
        return (new ScannedRun(name, run.File, RunFormat.Wandb, h.RowCount, tokens, columns.Count, null), run, columns, null);
    }

    private static (ScannedRun, LadderRun, HashSet<string>, LmEvalResults?) ScanLmEval(string name, string file, IReadOnlyList<string> files, string baseDirectory,
        List<string> todo)
    {
        var results = files.Select(f => LmEvalReader.ReadFile(f)).ToList();
        // Step 0 (D = 0) cannot be fitted; reading the run leaves it out the same way.
        var untrained = results.Where(r => LmEvalRunTable.CheckpointStep(r) == 0).ToList();
        if (untrained.Count > 0 && untrained.Count < results.Count)
        {
            results = results.Except(untrained).ToList();
            files = results.Select(r => r.SourceFiles[0]).ToList();
            todo.Add($"run {name}: the step-0 checkpoint is left out (D = 0)");
        }
        FlagFewShot(name, results, todo);
        var steps = results.Select(LmEvalRunTable.CheckpointStep).ToList();
        TokenSpec spec;
        string tokens;
        int checkpoints;
        var resolvedBase = LmEvalRunFiles.IsPattern(file) ? Path.GetDirectoryName(files[0])! : Directory.Exists(file) ? file : Path.GetDirectoryName(file)!;
        if (steps.All(s => s is not null))
        {
            spec = new TokenSpec { Source = TokenSource.StepTimesBatch, TokensPerStep = null };
            checkpoints = steps.Distinct().Count();
            tokens = $"step × tokensPerStep (steps {steps.Min()}–{steps.Max()})";
        }
        else if (files.Count == 1)
        {
            spec = new TokenSpec { Source = TokenSource.Fixed, Value = null };
            checkpoints = 1;
            tokens = "unknown (one checkpoint, no step): fixed value";
        }
        else
        {
            var map = new SortedDictionary<string, double?>(StringComparer.Ordinal);
            foreach (var f in files) map[LmEvalRunTable.CheckpointKeys(resolvedBase, f, null)[0]] = null;
            spec = new TokenSpec { Source = TokenSource.PerCheckpoint, Checkpoints = map };
            checkpoints = files.Count;
            tokens = "unknown (no steps in the files): D per checkpoint";
        }
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in results)
            foreach (var t in r.Tasks.Values.Concat(r.Groups.Values))
                foreach (var k in t.Metrics.Keys) columns.Add($"{t.Name}/{k}");
        var run = NewRun(name, LmEvalRunFiles.IsPattern(file) ? RelPattern(file, baseDirectory) : Rel(file, baseDirectory), RunFormat.LmEval, spec);
        long? reported = results.Select(r => r.ParameterCount).LastOrDefault(p => p is not null);
        var sample = results.OrderBy(r => r.Tasks.Count).Last();
        return (new ScannedRun(name, run.File, RunFormat.LmEval, checkpoints, tokens, columns.Count, reported), run, columns, sample);
    }

    /// <summary>A run whose files evaluate a task with different numbers of few-shot examples mixes two evaluations:
    /// say which task and files, so that the user splits the run (a folder per setting).</summary>
    private static void FlagFewShot(string run, IReadOnlyList<LmEvalResults> results, List<string> todo)
    {
        var mixed = results.SelectMany(r => r.Tasks.Values.Concat(r.Groups.Values))
            .Where(t => t.FewShot is not null)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Select(t => t.FewShot).Distinct().Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (mixed.Count == 0) return;
        var example = mixed[0].GroupBy(t => t.FewShot).Select(g => $"{g.Key}-shot in {Path.GetFileName(g.First().SourceFile)}");
        todo.Add($"run {run}: its files differ in num_fewshot for {mixed.Count} task(s) ({string.Join(", ", mixed.Take(5).Select(g => g.Key))}" +
                 $"{(mixed.Count > 5 ? ", …" : "")}; e.g. {mixed[0].Key}: {string.Join(", ", example)}): put each setting's files in a run of its own");
    }

    private static LadderRun NewRun(string name, string file, RunFormat format, TokenSpec tokens)
    {
        var size = SizeLabel().Match(name);
        var multiple = Multiple().Match(name);
        return new LadderRun
        {
            Name = name, File = file, Format = format, Size = size.Success ? size.Value.ToUpperInvariant() : name,
            Parameters = double.NaN, Tokens = tokens,
            ChinchillaMultiple = multiple.Success ? double.Parse(multiple.Groups[1].Value, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>lm-eval runs under <paramref name="folder"/>: each subfolder holding *.json (a folder whose subfolders are
    /// all named stepN is one run itself); JSON files directly in the folder grouped by name without "stepN".</summary>
    private static List<(string Name, string File, IReadOnlyList<string> Files)> LmEvalGroups(string folder, string? exclude)
    {
        List<string> Json(string dir, SearchOption option) =>
            Directory.EnumerateFiles(dir, "*.json", option).Select(Path.GetFullPath)
                .Where(f => exclude is null || !string.Equals(f, Path.GetFullPath(exclude), StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();

        var groups = new List<(string, string, IReadOnlyList<string>)>();
        var subs = Directory.EnumerateDirectories(folder).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => (Dir: d, Files: Json(d, SearchOption.AllDirectories))).Where(x => x.Files.Count > 0).ToList();
        var top = Json(folder, SearchOption.TopDirectoryOnly);
        if (top.Count == 0 && subs.Count > 0 && subs.All(s => StepName().IsMatch(Path.GetFileName(s.Dir))))
            return [(Path.GetFileName(folder), folder, subs.SelectMany(s => s.Files).ToList())];
        foreach (var (dir, files) in subs) groups.Add((Path.GetFileName(dir), dir, files));
        foreach (var g in top.GroupBy(RunKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = g.ToList();
            var name = g.Key.Length > 0 ? g.Key : Path.GetFileName(folder);
            if (files.Count == 1) { groups.Add((name, files[0], files)); continue; }
            // One glob for the group: the common file-name prefix, then '*'.
            var names = files.Select(f => Path.GetFileName(f)).ToList();
            var prefix = names.Aggregate((a, b) => a[..Enumerable.Range(0, Math.Min(a.Length, b.Length)).TakeWhile(i => a[i] == b[i]).Count()]);
            var pattern = Path.Combine(folder, prefix + "*.json");
            var matched = Directory.EnumerateFiles(folder, prefix + "*.json").Select(Path.GetFullPath).ToHashSet();
            if (!matched.SetEquals(files.Select(Path.GetFullPath)))
                throw new DataFormatException(folder, null, null, $"cannot tell the checkpoints of run '{name}' from other files by name; put each run's files in its own folder");
            groups.Add((name, pattern, files));
        }
        return groups;
    }

    /// <summary>A file's run: its name without "stepN" (and the separator left behind), e.g. 190M-1xC_step1000 → 190M-1xC.</summary>
    private static string RunKey(string file) =>
        Separators().Replace(StepPart().Replace(Path.GetFileNameWithoutExtension(file), ""), "$1").Trim('-', '_', '.');

    private static IEnumerable<LadderTask> WandbTasks(HashSet<string> columns)
    {
        foreach (var acc in columns.Order(StringComparer.Ordinal))
        {
            var m = OlmoAccuracy().Match(acc);
            if (!m.Success || acc.Contains("_mc_", StringComparison.Ordinal)) continue;
            var key = m.Groups[1].Value;
            var loss = $"eval/downstream_bpb/{key}_bpb";
            var logp = $"eval/downstream_soft_log/{key}_soft_log";
            var mcKey = McKey().Replace(key, "_mc_");
            var mc = new[] { $"eval/downstream/{mcKey}_acc", $"eval/downstream/{mcKey}_len_norm" }.FirstOrDefault(columns.Contains);
            // One accuracy per key: len_norm when there is one (OLMo's choice), else acc.
            if (m.Groups[2].Value == "acc" && columns.Contains($"eval/downstream/{key}_len_norm")) continue;
            var name = ShotSuffix().Replace(key, "");
            yield return new LadderTask
            {
                Name = name, Chance = KnownChance(name),
                Loss = columns.Contains(loss) ? [new WeightedColumn(loss)] : [],
                Accuracy = [new WeightedColumn(acc)],
                LogProbability = columns.Contains(logp) ? [new WeightedColumn(logp)] : [],
                McAccuracy = mc is null ? [] : [new WeightedColumn(mc)],
            };
        }
    }

    private static IEnumerable<LadderTask> LmEvalTasks(HashSet<string> columns, List<LmEvalResults> samples)
    {
        var subtasks = samples.SelectMany(s => s.GroupSubtasks.Values.SelectMany(v => v)).ToHashSet(StringComparer.Ordinal);
        var byTask = columns.Where(c => c.Contains('/') && !c.StartsWith("eval/", StringComparison.Ordinal) && !c.StartsWith("throughput/", StringComparison.Ordinal))
            .GroupBy(c => c[..c.LastIndexOf('/')], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var g in byTask)
        {
            if (subtasks.Contains(g.Key)) continue;
            var metrics = g.Select(c => c[(c.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
            var acc = new[] { "acc_norm", "acc" }.FirstOrDefault(metrics.Contains);
            if (acc is null) continue;
            var (loss, transform) = LossMetric(metrics);
            yield return new LadderTask
            {
                Name = g.Key, Chance = KnownChance(g.Key),
                Loss = loss is null ? [] : [new WeightedColumn($"{g.Key}/{loss}")],
                LossTransform = transform,
                Accuracy = [new WeightedColumn($"{g.Key}/{acc}")],
            };
        }
    }

    private static (string?, FeatureTransform) LossMetric(HashSet<string> metrics)
    {
        if (metrics.Contains("bits_per_byte")) return ("bits_per_byte", FeatureTransform.Identity);
        foreach (var p in new[] { "byte_perplexity", "word_perplexity", "perplexity", "ppl" })
            if (metrics.Contains(p)) return (p, FeatureTransform.Log);
        return (null, FeatureTransform.Identity);
    }

    private static (string?, FeatureTransform) C4Column(HashSet<string> columns)
    {
        const string olmo = "eval/c4_en-validation/CrossEntropyLoss";
        if (columns.Contains(olmo)) return (olmo, FeatureTransform.Identity);
        var lm = columns.Where(c => c.Contains('/') && !c.StartsWith("eval/", StringComparison.Ordinal))
            .GroupBy(c => c[..c.LastIndexOf('/')], StringComparer.Ordinal)
            .Select(g => (Task: g.Key, Loss: LossMetric(g.Select(c => c[(c.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal))))
            .Where(x => x.Loss.Item1 is not null && !HasAccuracy(columns, x.Task)).ToList();
        foreach (var prefer in new[] { "c4", "paloma", "pile", "wikitext", "" })
        {
            var hit = lm.Where(x => x.Task.Contains(prefer, StringComparison.OrdinalIgnoreCase)).OrderBy(x => x.Task, StringComparer.Ordinal).FirstOrDefault();
            if (hit.Task is not null) return ($"{hit.Task}/{hit.Loss.Item1}", hit.Loss.Item2);
        }
        return (null, FeatureTransform.Identity);

        static bool HasAccuracy(HashSet<string> cols, string task) => cols.Contains($"{task}/acc") || cols.Contains($"{task}/acc_norm");
    }

    /// <summary>Chance accuracy of well-known tasks (1 / number of answer choices); NaN = unknown, for the user to fill in.</summary>
    private static double KnownChance(string task)
    {
        var t = task.ToLowerInvariant();
        foreach (var (prefix, chance) in KnownTasks)
            if (t.StartsWith(prefix, StringComparison.Ordinal)) return chance;
        return double.NaN;
    }

    private static readonly (string Prefix, double Chance)[] KnownTasks =
    [
        ("mmlu", 0.25), ("hellaswag", 0.25), ("arc_challenge", 0.25), ("arc_easy", 0.25), ("piqa", 0.5),
        ("csqa", 0.2), ("commonsense_qa", 0.2), ("socialiqa", 1.0 / 3.0), ("siqa", 1.0 / 3.0), ("social_iqa", 1.0 / 3.0),
        ("openbookqa", 0.25), ("boolq", 0.5), ("winogrande", 0.5), ("copa", 0.5), ("sciq", 0.25),
    ];

    private static string Rel(string path, string baseDirectory) => Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');

    private static string RelPattern(string pattern, string baseDirectory)
    {
        var dir = Rel(Path.GetDirectoryName(pattern)!, baseDirectory);
        return dir == "." ? Path.GetFileName(pattern) : dir + "/" + Path.GetFileName(pattern);
    }

    [GeneratedRegex(@"\d+(?:\.\d+)?[KMBT](?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex SizeLabel();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)xC\b")]
    private static partial Regex Multiple();

    [GeneratedRegex(@"^step[-_]?\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex StepName();

    [GeneratedRegex(@"(?<![A-Za-z])step[-_]?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex StepPart();

    [GeneratedRegex(@"([-_.])[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^eval/downstream/(.+)_(len_norm|acc)$")]
    private static partial Regex OlmoAccuracy();

    [GeneratedRegex(@"_rc_")]
    private static partial Regex McKey();

    [GeneratedRegex(@"_rc_\d+shot$")]
    private static partial Regex ShotSuffix();
}
