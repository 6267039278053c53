using System.Collections.Concurrent;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>
/// The run files of a ladder description, each read once (thread-safe), and the per-run series the
/// method needs. A file is read in the format of the run that lists it (<see cref="LadderRun.Format"/>):
/// a W&amp;B CSV, or lm-eval results per checkpoint turned into the same kind of table.
/// </summary>
internal sealed class LadderData(LadderDescription description)
{
    private readonly ConcurrentDictionary<string, Lazy<RunHistory>> _files = new(StringComparer.Ordinal);
    private readonly Lazy<WandbReadOptions> _wandb = new(() => new WandbReadOptions { Columns = UsedColumns(description) });

    public LadderDescription Description { get; } = description;

    // File (or intermediate file) → the first run that lists it: a lookup per series, not a scan of the runs.
    private readonly Lazy<Dictionary<string, LadderRun>> _owners = new(() =>
    {
        var owners = new Dictionary<string, LadderRun>(StringComparer.Ordinal);
        foreach (var r in description.Runs)
        {
            owners.TryAdd(r.File, r);
            if (r.IntermediateFile is { } i) owners.TryAdd(i, r);
        }
        return owners;
    });

    /// <summary>False when the data serves one computation: a ladder run's file is dropped once its points are
    /// taken (<see cref="Release"/>), which bounds memory on large ladders. True (default) when several
    /// computations share the data and each file should be read once.</summary>
    public bool KeepRunFiles { get; init; } = true;

    /// <summary>Every column the description names (tasks, C4 loss, tokens): a W&amp;B file keeps only these.</summary>
    internal static HashSet<string> UsedColumns(LadderDescription d)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { d.C4LossColumn };
        foreach (var t in d.Tasks)
            foreach (var c in t.Loss.Concat(t.Accuracy).Concat(t.LogProbability).Concat(t.McAccuracy)) used.Add(c.Column);
        foreach (var r in d.Runs) used.UnionWith([r.Tokens.Column, r.Tokens.StepColumn, r.Tokens.BatchColumn]);
        return used;
    }

    /// <summary>The table of a run's file (or intermediate file), read once.</summary>
    public RunHistory History(string file)
    {
        var (owner, format, path) = Locate(file);
        return _files.GetOrAdd($"{format}|{path}", _ => new Lazy<RunHistory>(() => format == RunFormat.LmEval
            ? RunHistory.LoadLmEval(path, owner!.Tokens)
            : RunHistory.Load(path, _wandb.Value with { StepColumn = owner?.Tokens.StepColumn ?? TokenSpec.Auto.StepColumn }))).Value;
    }

    /// <summary>How many files' tables are held.</summary>
    internal int FilesHeld => _files.Count;

    /// <summary>Forgets a file's table unless <see cref="KeepRunFiles"/>; a later use reads it again.</summary>
    public void Release(string file)
    {
        if (KeepRunFiles) return;
        var (_, format, path) = Locate(file);
        _files.TryRemove($"{format}|{path}", out _);
    }

    /// <summary>The run that lists the file, the file's format and its full path (a glob for lm-eval runs).</summary>
    private (LadderRun? Owner, RunFormat Format, string Path) Locate(string file)
    {
        var owner = _owners.Value.GetValueOrDefault(file);
        var format = owner?.Format ?? RunFormat.Wandb;
        var path = format == RunFormat.LmEval && LmEvalRunFiles.IsPattern(file) ? Description.ResolvePattern(file) : Description.ResolvePath(file);
        return (owner, format, path);
    }

    /// <summary>The run's tokens, feature and accuracy over the rows where all three are present.</summary>
    /// <param name="file">Another file of the same run (e.g. a target's intermediate checkpoints); default the run's file.</param>
    public RunSeries Series(LadderRun run, LadderTask task, LadderFeature feature, AccuracyFormat format = AccuracyFormat.Rc, string? file = null)
    {
        var h = History(file ?? run.File);
        var d = h.Tokens(run.Tokens);
        var x = Feature(h, task, feature);
        return Aligned(run, h, d, task, x, format, LadderNames.Label(feature));
    }

    /// <summary>The run's tokens and accuracy over the rows where both are present, with no feature (X is NaN):
    /// what the variants that predict accuracy directly need from a task that names no feature.</summary>
    public RunSeries AccuracySeries(LadderRun run, LadderTask task, AccuracyFormat format = AccuracyFormat.Rc)
    {
        var h = History(run.File);
        return Aligned(run, h, h.Tokens(run.Tokens), task, null, format, null);
    }

    private RunSeries Aligned(LadderRun run, RunHistory h, double[] d, LadderTask task, double[]? x, AccuracyFormat format, string? featureName)
    {
        var yColumns = format == AccuracyFormat.Mc ? task.McAccuracy : task.Accuracy;
        if (yColumns.Count == 0)
            throw new InvalidRequestException($"{Description.Source}: task '{task.Name}' lists no {(format == AccuracyFormat.Mc ? "MC " : "")}accuracy columns");
        var y = WeightedMean.Of(h, yColumns, $"{(format == AccuracyFormat.Mc ? "MC " : "")}accuracy of task {task.Name}", ColumnKind.Fraction);
        var keep = new List<int>(h.RowCount);
        for (int r = 0; r < h.RowCount; r++)
            if (!double.IsNaN(d[r]) && (x is null || !double.IsNaN(x[r])) && !double.IsNaN(y[r])) keep.Add(r);
        if (keep.Count == 0)
            throw new DataFormatException(h.Source, null, null, featureName is null
                ? $"no row has tokens and accuracy of task {task.Name} both present"
                : $"no row has tokens, {featureName} and accuracy of task {task.Name} all present");
        return new RunSeries(run, h.Source,
            keep.Select(r => d[r]).ToArray(), x is null ? keep.Select(_ => double.NaN).ToArray() : keep.Select(r => x[r]).ToArray(),
            keep.Select(r => y[r]).ToArray(), keep.Select(h.Line).ToArray());
    }

    /// <summary>True when the task names the columns of the feature (the C4 column is the description's, for every task).</summary>
    public static bool HasFeature(LadderTask task, LadderFeature feature) => feature switch
    {
        LadderFeature.C4 => true,
        LadderFeature.Ce => task.LogProbability.Count > 0,
        _ => task.Loss.Count > 0,
    };

    /// <summary>The feature series (lower is better): the task's loss columns (bits per byte in the paper's runs)
    /// through the task's transform, the description's C4 loss column through its transform, or −(mean log-probability).</summary>
    public double[] Feature(RunHistory h, LadderTask task, LadderFeature feature)
    {
        switch (feature)
        {
            case LadderFeature.C4:
                return WeightedMean.Of(h, [new WeightedColumn(Description.C4LossColumn)], "C4 loss feature", Description.C4LossTransform.RawKind(), Description.C4LossTransform);
            case LadderFeature.Ce:
                if (task.LogProbability.Count == 0)
                    throw new InvalidRequestException($"{Description.Source}: task '{task.Name}' lists no log-probability columns (needed for the ce feature)");
                var lp = WeightedMean.Of(h, task.LogProbability, $"cross-entropy of task {task.Name}", ColumnKind.NonPositive);
                for (int i = 0; i < lp.Length; i++) lp[i] = -lp[i];
                return lp;
            default:
                if (task.Loss.Count == 0)
                    throw new InvalidRequestException($"{Description.Source}: task '{task.Name}' names no loss (intermediate feature); name a metric as its loss, or use the single-step variant");
                return WeightedMean.Of(h, task.Loss, $"loss of task {task.Name}", task.LossTransform.RawKind(), task.LossTransform);
        }
    }
}
