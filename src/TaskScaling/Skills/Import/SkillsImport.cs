using System.Globalization;
using TaskScaling.Data;
using TaskScaling.Data.LmEval;
using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills.Import;

/// <summary>
/// Builds a skills table (the layout of <c>data_v2.csv</c>) from what evaluation tools write:
/// (a) an Open LLM Leaderboard (v2) contents CSV joined with a token-count CSV, or (b) a folder of
/// lm-evaluation-harness results joined with a metadata CSV. The token/metadata file decides which models
/// are imported and in what order; models are matched by <see cref="ModelKey"/>.
/// <para>
/// Per model: S = the file's size column, else the leaderboard's "#Params (B)" (route a) or lm-eval's
/// config.model_num_parameters / 1e9 (route b), else an error ("missing N"); T = the file's tokens
/// (required); F = 6·S·T; Family2 = the file's "Family2", else its "Family", else the name without its
/// size token (<see cref="Family2Inference"/>); Family = the file's "Family", else Family2.
/// </para>
/// Errors (one line, naming file and line): a model of the file with no leaderboard row or no lm-eval
/// results, a model given twice, no tokens, no size, a metric missing from a task that is present.
/// </summary>
public static class SkillsImport
{
    /// <summary>Import, then write the table through <see cref="Data.AtomicFile"/> (nothing written on any error).</summary>
    public static SkillsImportResult Run(SkillsImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Out)) throw new InvalidRequestException("an output file (--out) is required");
        var table = Import(request);
        if (table.Rows.Count == 0)
        {
            var skipped = table.Notes.Where(n => n.StartsWith("skipped", StringComparison.Ordinal)).ToList();
            throw new InvalidRequestException("no model to import, nothing written: " +
                (skipped.Count > 0 ? string.Join("; ", skipped) : $"{request.Tokens ?? request.Metadata} lists no model"));
        }
        ImportComparison? comparison = null;
        IReadOnlyList<string>? compared = null;
        if (request.Compare is not null)
        {
            compared = BenchmarkSets.All.Where((_, j) => table.Rows.Any(r => !double.IsNaN(r.Scores[j]))).ToList();
            var reference = LeaderboardReader.Read(request.Compare, LeaderboardColumns.Default with { Benchmarks = compared });
            comparison = ImportComparison.Compare(table, reference, compared);
        }
        SkillsTableWriter.Write(table, request.Out);
        return new SkillsImportResult(table, Path.GetFullPath(request.Out), comparison, compared);
    }

    /// <summary>The request's route: leaderboard contents (or flattened lm-eval results given as --leaderboard), flattened
    /// results (--results-csv) or a folder of results files (--lm-eval), each joined with the tokens/metadata file.</summary>
    private static ImportedSkillsTable Import(SkillsImportRequest request)
    {
        var sources = new[] { ("--leaderboard", request.Leaderboard), ("--results-csv", request.ResultsCsv), ("--lm-eval", request.LmEvalFolder) }
            .Where(x => x.Item2 is not null).ToList();
        if (request.Tokens is not null && request.Metadata is not null)
            throw new InvalidRequestException("give either --leaderboard with --tokens, or --lm-eval/--results-csv with --metadata, not both");
        if (sources.Count == 0)
            throw new InvalidRequestException(request.Tokens is not null || request.Metadata is not null
                ? $"{(request.Tokens is not null ? "--tokens" : "--metadata")} needs the scores: --leaderboard FILE (the Open LLM Leaderboard contents CSV), --results-csv FILE or --lm-eval DIR"
                : "nothing to import: give --leaderboard FILE --tokens FILE, or --lm-eval DIR (or --results-csv FILE) --metadata FILE");
        if (sources.Count > 1)
            throw new InvalidRequestException($"give one of --leaderboard, --results-csv and --lm-eval, not {string.Join(" and ", sources.Select(x => x.Item1))}");
        var (option, path) = (sources[0].Item1, sources[0].Item2!);
        // The tokens and metadata files are read alike (ModelMetadataReader); each route names its usual one.
        var models = request.Tokens ?? request.Metadata
            ?? throw new InvalidRequestException(option == "--leaderboard"
                ? "--leaderboard needs --tokens FILE (model, tokens in trillions)"
                : $"{option} needs --metadata FILE (model, family, params, tokens)");
        var map = request.Map is null ? BenchmarkMap.Default : BenchmarkMap.Load(request.Map);
        switch (option)
        {
            case "--lm-eval":
                return FromLmEval(path, models, map);
            case "--results-csv":
                return FromResultsCsv(CsvTable.Load(path), models, map);
            default:
                var csv = CsvTable.Load(path);
                // A flattened results CSV given as --leaderboard: its columns say so (the contents CSV has "IFEval Raw" …).
                if (!csv.HasColumn(BenchmarkSets.V2[0] + LeaderboardContentsReader.RawSuffix) &&
                    LmEvalFlatCsvReader.IsFlattened(csv, map.Entries.Select(e => e.Task).ToList()))
                    return FromResultsCsv(csv, models, map);
                if (request.Map is not null) throw new InvalidRequestException("--map applies to lm-eval results (--lm-eval, --results-csv) only");
                return FromLeaderboard(LeaderboardContentsReader.FromCsv(csv), models, request.Strict);
        }
    }

    // ---- (a) leaderboard contents + token counts ----

    public static ImportedSkillsTable FromLeaderboard(string leaderboardPath, string tokensPath) =>
        FromLeaderboard(leaderboardPath, tokensPath, strict: true);

    /// <summary>With <paramref name="strict"/> false, models of the token file without tokens, without a leaderboard
    /// row or without a size are skipped, named in one note per reason.</summary>
    public static ImportedSkillsTable FromLeaderboard(string leaderboardPath, string tokensPath, bool strict) =>
        FromLeaderboard(LeaderboardContentsReader.Read(leaderboardPath), tokensPath, strict);

    private static ImportedSkillsTable FromLeaderboard(LeaderboardContents leaderboard, string tokensPath, bool strict)
    {
        var withoutTokens = new List<string>();
        var tokens = strict ? ModelMetadataReader.Read(tokensPath) : ModelMetadataReader.Read(tokensPath, withoutTokens);
        var table = FromLeaderboard(leaderboard, tokens, strict);
        return withoutTokens.Count == 0 ? table
            : table with { Notes = [Skipped(withoutTokens, $"without tokens in {tokensPath}"), .. table.Notes] };
    }

    /// <summary>One note for the skipped models: how many, the first few names, and how to make them errors.</summary>
    private static string Skipped(IReadOnlyList<string> models, string why) =>
        $"skipped {models.Count} model(s) {why} ({Names(models)}); --strict makes this an error";

    /// <summary>The first few names, and how many more.</summary>
    private static string Names(IReadOnlyList<string> names)
    {
        const int shown = 5;
        return string.Join(", ", names.Take(shown)) + (names.Count > shown ? $", … ({names.Count - shown} more)" : "");
    }

    internal static ImportedSkillsTable FromLeaderboard(LeaderboardContents leaderboard, IReadOnlyList<ModelMetadata> tokens, bool strict = true)
    {
        var byKey = leaderboard.Rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var notes = new List<string>();
        var rows = new List<SkillsTableRow>(tokens.Count);
        List<string> absent = [], sizeless = [];
        foreach (var meta in tokens)
        {
            if (!byKey.TryGetValue(meta.Key, out var lb))
            {
                if (!strict) { absent.Add(meta.Model); continue; }
                throw new DataFormatException(meta.Source, meta.Line, "Model",
                    $"'{meta.Model}' has no row in {leaderboard.Source} (matched as '{meta.Key}'" +
                    $"{Nearest(meta.Key, byKey.Keys)})");
            }
            if (double.IsNaN(meta.Parameters) && double.IsNaN(lb.Parameters) && !strict) { sizeless.Add(meta.Model); continue; }
            double s = !double.IsNaN(meta.Parameters) ? meta.Parameters
                : !double.IsNaN(lb.Parameters) ? lb.Parameters
                : throw new DataFormatException(meta.Source, meta.Line, null,
                    $"missing N for '{meta.Model}': the token file has no size and the leaderboard gives none (add a '#Params (B)' column)");
            notes.AddRange(leaderboard.NotesFor(lb.Key));
            var scores = Enumerable.Repeat(double.NaN, BenchmarkSets.All.Count).ToArray();
            for (int j = 0; j < BenchmarkSets.V2.Count; j++) scores[BenchmarkSets.All.Count - BenchmarkSets.V2.Count + j] = lb.Scores[j];
            var missing = BenchmarkSets.V2.Where((_, j) => double.IsNaN(lb.Scores[j])).ToList();
            if (missing.Count > 0) notes.Add($"{meta.Key}: no {string.Join(", ", missing)} in the leaderboard (left empty)");
            rows.Add(MakeRow(meta, s, scores, $"{lb.ModelId} ({leaderboard.Source}, line {lb.Line})"));
        }
        if (sizeless.Count > 0) notes.Insert(0, Skipped(sizeless, "without a size (no '#Params (B)' in either file)"));
        if (absent.Count > 0) notes.Insert(0, Skipped(absent, $"without a row in {leaderboard.Source}"));
        return new ImportedSkillsTable(rows, notes);
    }

    // ---- (b) lm-eval results + metadata ----

    /// <summary>Every lm-eval results file under <paramref name="folder"/> (any *.json that is one); the JSON files that are
    /// not are named in one note.</summary>
    public static ImportedSkillsTable FromLmEval(string folder, string metadataPath, BenchmarkMap? map = null)
    {
        var scan = LmEvalReader.ScanFolder(folder);
        var table = FromLmEval(scan.Models, ModelMetadataReader.Read(metadataPath), map, folder);
        return scan.Ignored.Count == 0 ? table
            : table with { Notes = [$"{folder}: ignored {scan.Ignored.Count} JSON file(s) that are not lm-eval results files ({Names(scan.Ignored)})", .. table.Notes] };
    }

    /// <summary>Flattened lm-eval results (one row per model, columns such as <c>leaderboard_bbh_acc_norm_none</c>, see
    /// <see cref="LmEvalFlatCsvReader"/>) through the same map as results files.</summary>
    public static ImportedSkillsTable FromResultsCsv(string path, string metadataPath, BenchmarkMap? map = null) =>
        FromResultsCsv(CsvTable.Load(path), metadataPath, map ?? BenchmarkMap.Default);

    private static ImportedSkillsTable FromResultsCsv(CsvTable csv, string metadataPath, BenchmarkMap map) =>
        FromLmEval(LmEvalFlatCsvReader.FromCsv(csv, map.Entries.Select(e => e.Task).ToList()), ModelMetadataReader.Read(metadataPath), map, csv.Source);

    internal static ImportedSkillsTable FromLmEval(IReadOnlyList<LmEvalResults> results, IReadOnlyList<ModelMetadata> metadata,
        BenchmarkMap? map = null, string source = "lm-eval results")
    {
        map ??= BenchmarkMap.Default;
        var notes = new List<string>();
        var byKey = new Dictionary<string, LmEvalResults>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            notes.AddRange(r.Notes);
            if (r.Model is null) { notes.Add($"{string.Join(", ", r.SourceFiles)}: no model name; skipped"); continue; }
            var key = ModelKey.Of(r.Model);
            if (byKey.TryGetValue(key, out var other))
                throw new InvalidRequestException(
                    $"{source}: '{key}' has results for more than one checkpoint or model id ({Describe(other)}; {Describe(r)}); keep one per model");
            byKey[key] = r;
        }
        var wanted = metadata.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in byKey.Keys.Where(k => !wanted.Contains(k)))
            notes.Add($"{source}: results for '{key}' have no metadata row; not imported");

        var rows = new List<SkillsTableRow>(metadata.Count);
        foreach (var meta in metadata)
        {
            if (!byKey.TryGetValue(meta.Key, out var run))
                throw new DataFormatException(meta.Source, meta.Line, "Model",
                    $"no lm-eval results for '{meta.Model}' under {source} (models found: {string.Join(", ", byKey.Keys.Order(StringComparer.Ordinal))}" +
                    $"{Nearest(meta.Key, byKey.Keys)})");
            double s = !double.IsNaN(meta.Parameters) ? meta.Parameters
                : run.ParameterCount is { } count && count > 0 ? count / 1e9
                : throw new DataFormatException(meta.Source, meta.Line, null,
                    $"missing N for '{meta.Model}': the metadata has no size and the results give no config.model_num_parameters");
            var scores = new double[BenchmarkSets.All.Count];
            int found = 0;
            var absent = new List<string>();
            for (int j = 0; j < scores.Length; j++)
            {
                scores[j] = double.NaN;
                if (!map.TryGet(BenchmarkSets.All[j], out var entry)) continue;
                if (!run.TryGetTask(entry.Task, out _)) { absent.Add($"{entry.Benchmark} ({entry.Task})"); continue; }
                scores[j] = Score(run, entry, notes);
                found++;
            }
            if (found == 0)
                throw new InvalidRequestException(
                    $"{Describe(run)}: none of the mapped tasks was evaluated for '{meta.Model}' " +
                    $"(expected one of: {string.Join(", ", map.Entries.Select(e => e.Task))}; tasks present: " +
                    $"{string.Join(", ", run.Tasks.Keys.Take(30))}{(run.Tasks.Count > 30 ? ", ..." : "")}); override the map with --map");
            if (absent.Count > 0) notes.Add($"{meta.Key}: not evaluated on {string.Join(", ", absent)} (left empty)");
            rows.Add(MakeRow(meta, s, scores, string.Join("; ", run.SourceFiles)));
        }
        return new ImportedSkillsTable(rows, notes);
    }

    /// <summary>One benchmark's score from a run: the mean of the entry's metrics (over the leaf subtasks for SubtaskMean).</summary>
    internal static double Score(LmEvalResults run, BenchmarkSource entry, List<string>? notes = null)
    {
        var task = run.GetTask(entry.Task);
        double value;
        if (entry.Aggregate == ScoreAggregate.SubtaskMean && Leaves(run, task.Name) is { Count: > 0 } leaves)
            value = leaves.Average(leaf => entry.Metrics.Average(m => run.GetTask(leaf).GetMetric(m).Value));
        else
        {
            if (entry.Aggregate == ScoreAggregate.SubtaskMean)
                notes?.Add($"{Describe(run)}: '{entry.Task}' lists no subtasks; used its own {string.Join(" + ", entry.Metrics)}");
            value = entry.Metrics.Average(m => task.GetMetric(m).Value);
        }
        if (!(value >= 0 && value <= 1))
            throw new InvalidRequestException(
                $"{Describe(run)}: {entry} is {value.ToString(CultureInfo.InvariantCulture)}, outside [0, 1] (map a 0–1 metric with --map)");
        return value;
    }

    /// <summary>The leaf tasks under a group, following group_subtasks down (only those present in the results).</summary>
    private static List<string> Leaves(LmEvalResults run, string group)
    {
        var leaves = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string name)
        {
            if (!seen.Add(name)) return;
            if (run.GroupSubtasks.TryGetValue(name, out var children) && children.Count > 0)
                foreach (var c in children) Walk(c);
            else if (name != group && run.TryGetTask(name, out _)) leaves.Add(name);
        }
        Walk(group);
        return leaves;
    }

    private static SkillsTableRow MakeRow(ModelMetadata meta, double s, double[] scores, string origin)
    {
        var family2 = meta.Family2 ?? meta.Family ?? Family2Inference.Of(meta.Key);
        return new SkillsTableRow(meta.Key, meta.Family ?? family2, family2, s, meta.Tokens, scores, origin);
    }

    private static string Describe(LmEvalResults r) =>
        $"{r.Model ?? "(unnamed)"}{(r.Step is { } st ? $" step {st}" : "")} ({string.Join(", ", r.SourceFiles.Select(Path.GetFileName))})";

    private static string Nearest(string name, IEnumerable<string> candidates) =>
        NameSuggestion.Nearest(name, candidates) is { } n ? $"; nearest: '{n}'" : "";
}
