using System.Collections.Concurrent;
using System.Globalization;
using TaskScaling.Data.LmEval;

namespace TaskScaling.Data.Runs;

/// <summary>
/// One run's lm-evaluation-harness results, one file per checkpoint, as a table: a row per checkpoint (files
/// with the same D merged by <see cref="LmEvalReader.Merge"/>), sorted by D; a column per "task/metric"
/// (the metric as lm-eval keys it: "acc", "acc_norm", "exact_match,strict-match"; a trailing ",none" and a bare
/// name that exists under one filter only are accepted too, as in <see cref="LmEvalTaskResult.GetMetric"/>).
/// </summary>
internal sealed class LmEvalRunTable : IRunTable
{
    private readonly LmEvalResults[] _rows;
    private readonly ConcurrentDictionary<string, double[]?> _columns = new(StringComparer.Ordinal);

    public string Source { get; }
    public int RowCount => _rows.Length;
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string> Notes { get; }
    public double[]? Tokens { get; }
    public bool HasLines => false;
    /// <summary>The step of each row, when known.</summary>
    public IReadOnlyList<long?> Steps { get; }

    private LmEvalRunTable(string source, LmEvalResults[] rows, double[] tokens, long?[] steps, List<string> notes)
    {
        Source = source; _rows = rows; Tokens = tokens; Steps = steps; Notes = notes;
        Columns = rows.SelectMany(r => AllTasks(r).SelectMany(t => t.Metrics.Keys.Select(k => $"{t.Name}/{k}")))
            .Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
    }

    public static LmEvalRunTable Load(string path, TokenSpec spec)
    {
        var resolved = LmEvalRunFiles.Resolve(path);
        var source = LmEvalRunFiles.IsPattern(path) ? path : Path.GetFullPath(path);
        var files = resolved.Files.Select(f => LmEvalReader.ReadFile(f)).ToList();
        var notes = new List<string>();
        // Step 0 is the untrained model: D = 0 has no place on a power law in D (ladder init leaves it out too).
        var untrained = files.Where(f => CheckpointStep(f) == 0).ToList();
        if (untrained.Count > 0 && untrained.Count < files.Count)
        {
            files = files.Except(untrained).ToList();
            notes.Add($"{source}: left out the step-0 checkpoint ({string.Join(", ", untrained.Select(f => Path.GetFileName(f.SourceFiles[0])))}): D = 0");
        }
        var steps = files.Select(CheckpointStep).ToList();
        var d = new double[files.Count];
        for (int i = 0; i < files.Count; i++)
            d[i] = CheckpointTokens(spec, resolved, files[i].SourceFiles[0], steps[i], source, files.Count, steps);

        var groups = Enumerable.Range(0, files.Count).GroupBy(i => d[i]).OrderBy(g => g.Key).ToList();
        var rows = new LmEvalResults[groups.Count];
        var tokens = new double[groups.Count];
        var rowSteps = new long?[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            var members = groups[g].ToList();
            var distinctSteps = members.Select(i => steps[i]).Where(s => s is not null).Distinct().ToList();
            if (distinctSteps.Count > 1)
                throw new DataFormatException(source, null, null,
                    $"checkpoints of different steps ({string.Join(", ", distinctSteps)}) get the same tokens D = {Format(groups[g].Key)}; give D per checkpoint");
            rows[g] = members.Count == 1 ? files[members[0]] : LmEvalReader.Merge(members.Select(i => files[i]).ToList());
            tokens[g] = groups[g].Key;
            rowSteps[g] = distinctSteps.Count == 1 ? distinctSteps[0] : null;
            notes.AddRange(rows[g].Notes);
        }
        return new LmEvalRunTable(source, rows, tokens, rowSteps, notes);
    }

    /// <summary>The checkpoint's step: model_args' revision=stepN, else "stepN" in the file name (the reader's rule),
    /// else "stepN" in the name of the folder holding the file.</summary>
    internal static long? CheckpointStep(LmEvalResults r) =>
        r.Step ?? ModelArguments.StepFromFileName(Path.GetDirectoryName(r.SourceFiles[0]) ?? "");

    private static double CheckpointTokens(TokenSpec spec, LmEvalRunFiles.Resolved resolved, string file, long? step,
        string source, int fileCount, List<long?> steps)
    {
        double d;
        switch (spec.Source)
        {
            case TokenSource.Fixed:
                if (spec.Value is not { } v)
                    throw new DataFormatException(source, null, "tokens.value", "tokens source 'fixed' needs a value");
                if (steps.Distinct().Count() > 1)
                    throw new DataFormatException(source, null, "tokens", $"tokens source 'fixed' gives one D, but the run has {fileCount} files of different checkpoints; give tokens.tokensPerStep or D per checkpoint (perCheckpoint)");
                d = v;
                break;
            case TokenSource.PerCheckpoint:
                d = PerCheckpoint(spec, resolved, file, step, source);
                break;
            case TokenSource.Column:
                throw new DataFormatException(source, null, "tokens", "lm-eval results have no token column; use tokensPerStep (D = step × tokens per step), perCheckpoint or fixed");
            case TokenSource.StepTimesBatch:
                d = StepTimesTokensPerStep(spec, file, step, source);
                break;
            default:
                // Auto: a per-checkpoint D when given for this checkpoint, else step × tokens per step, else the fixed value.
                if (spec.Checkpoints is not null && TryPerCheckpoint(spec, resolved, file, step, source, out var listed)) d = listed;
                else if (spec.TokensPerStep is not null || spec.Value is null) d = StepTimesTokensPerStep(spec, file, step, source);
                else d = spec.Value.Value;
                break;
        }
        if (!(d > 0) || double.IsInfinity(d))
            throw new DataFormatException(file, null, null, $"tokens D must be positive, found {Format(d)}");
        return d;
    }

    private static double StepTimesTokensPerStep(TokenSpec spec, string file, long? step, string source)
    {
        if (spec.TokensPerStep is not { } perStep)
            throw new DataFormatException(source, null, "tokens.tokensPerStep",
                "the tokens of lm-eval checkpoints are unknown: give tokens.tokensPerStep (D = step × tokens per step), D per checkpoint (tokens.checkpoints), or a fixed D (tokens.value)");
        if (step is not { } s)
            throw new DataFormatException(file, null, null,
                "no training step: neither model_args' revision (stepN) nor the file or folder name (stepN) says it; give D per checkpoint (tokens.checkpoints)");
        return s * perStep;
    }

    private static double PerCheckpoint(TokenSpec spec, LmEvalRunFiles.Resolved resolved, string file, long? step, string source)
    {
        if (spec.Checkpoints is null)
            throw new DataFormatException(source, null, "tokens.checkpoints", "tokens source 'perCheckpoint' needs a 'checkpoints' object (file or stepN → D)");
        if (TryPerCheckpoint(spec, resolved, file, step, source, out var d)) return d;
        throw new DataFormatException(source, null, "tokens.checkpoints",
            $"no D for checkpoint {file} (looked up as {string.Join(", ", CheckpointKeys(resolved.BaseFolder, file, step).Select(k => $"'{k}'"))})");
    }

    private static bool TryPerCheckpoint(TokenSpec spec, LmEvalRunFiles.Resolved resolved, string file, long? step, string source, out double d)
    {
        foreach (var key in CheckpointKeys(resolved.BaseFolder, file, step))
            foreach (var (k, v) in spec.Checkpoints!)
                if (string.Equals(k.Replace('\\', '/'), key, StringComparison.OrdinalIgnoreCase))
                {
                    d = v ?? throw new DataFormatException(source, null, $"tokens.checkpoints['{k}']", "D is not filled in (null)");
                    return true;
                }
        d = double.NaN;
        return false;
    }

    /// <summary>The names a checkpoint's D may be given under: path relative to the run folder, file name, "stepN", "N".</summary>
    internal static List<string> CheckpointKeys(string baseFolder, string file, long? step)
    {
        var keys = new List<string> { Path.GetRelativePath(baseFolder, file).Replace('\\', '/'), Path.GetFileName(file) };
        if (step is { } s) { keys.Add($"step{s}"); keys.Add(s.ToString(CultureInfo.InvariantCulture)); }
        return keys.Distinct().ToList();
    }

    public int Line(int row) => row + 1;

    public string RowSource(int row) => _rows[row].SourceFiles[0];

    public bool HasColumn(string column) => Resolve(column) is not null;

    public double[] Column(string column, string purpose)
    {
        var values = Resolve(column);
        if (values is not null) return (double[])values.Clone();
        throw new DataFormatException(Source, null, column, Diagnose(column, purpose));
    }

    private double[]? Resolve(string column) => _columns.GetOrAdd(column, c =>
    {
        if (!Split(c, out var task, out var metric)) return null;
        var y = new double[_rows.Length];
        bool any = false;
        for (int r = 0; r < _rows.Length; r++)
        {
            if (_rows[r].TryGetTask(task, out var t) && t.TryGetMetric(metric, out var m)) { y[r] = m.Value; any = true; }
            else y[r] = double.NaN;
        }
        return any ? y : null;
    });

    private static bool Split(string column, out string task, out string metric)
    {
        int slash = column.LastIndexOf('/');
        task = slash > 0 ? column[..slash].Trim() : "";
        metric = slash > 0 ? column[(slash + 1)..].Trim() : "";
        return task.Length > 0 && metric.Length > 0;
    }

    private string Diagnose(string column, string purpose)
    {
        var tasks = _rows.SelectMany(r => AllTasks(r).Select(t => t.Name)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (!Split(column, out var task, out var metric))
            return $"lm-eval metrics are named task/metric, e.g. '{tasks.FirstOrDefault() ?? "arc_easy"}/acc' (needed for the {purpose})";
        var found = _rows.Select(r => r.TryGetTask(task, out var t) ? t : null).Where(t => t is not null).ToList();
        if (found.Count == 0)
            return $"no checkpoint has task '{task}' (needed for the {purpose}){NameSuggestion.DidYouMean(task, tasks)}; tasks: {NameSuggestion.List(tasks)}";
        var metrics = found.SelectMany(t => t!.Metrics.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        return $"task '{found[0]!.Name}' has no metric '{metric}' in any checkpoint (needed for the {purpose}){NameSuggestion.DidYouMean(metric, metrics)}; its metrics: {NameSuggestion.List(metrics)}";
    }

    private static IEnumerable<LmEvalTaskResult> AllTasks(LmEvalResults r) =>
        r.Tasks.Values.Concat(r.Groups.Where(g => !r.Tasks.ContainsKey(g.Key)).Select(g => g.Value));

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
