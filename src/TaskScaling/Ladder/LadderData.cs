using System.Collections.Concurrent;
using TaskScaling.Data;
using TaskScaling.Data.Ladder;

namespace TaskScaling.Ladder;

/// <summary>
/// The run files of a ladder description, each read once (thread-safe), and the per-run series the
/// method needs.
/// </summary>
public sealed class LadderData(LadderDescription description)
{
    private readonly ConcurrentDictionary<string, Lazy<RunHistory>> _files = new(StringComparer.Ordinal);

    public LadderDescription Description { get; } = description;

    public RunHistory History(string file)
    {
        var path = Description.ResolvePath(file);
        return _files.GetOrAdd(path, p => new Lazy<RunHistory>(() => RunHistory.Load(p))).Value;
    }

    /// <summary>The run's tokens, feature and accuracy over the rows where all three are present.</summary>
    /// <param name="file">Another file of the same run (e.g. a target's intermediate checkpoints); default the run's file.</param>
    public RunSeries Series(LadderRun run, LadderTask task, LadderFeature feature, AccuracyFormat format = AccuracyFormat.Rc, string? file = null)
    {
        var h = History(file ?? run.File);
        var d = h.Tokens(run.Tokens);
        var x = Feature(h, task, feature);
        var yColumns = format == AccuracyFormat.Mc ? task.McAccuracy : task.Accuracy;
        if (yColumns.Count == 0)
            throw new InvalidRequestException($"{Description.Source}: task '{task.Name}' lists no {(format == AccuracyFormat.Mc ? "MC " : "")}accuracy columns");
        var y = h.Series(yColumns, $"{(format == AccuracyFormat.Mc ? "MC " : "")}accuracy of task {task.Name}");
        var keep = new List<int>(h.RowCount);
        for (int r = 0; r < h.RowCount; r++)
            if (!double.IsNaN(d[r]) && !double.IsNaN(x[r]) && !double.IsNaN(y[r])) keep.Add(r);
        if (keep.Count == 0)
            throw new DataFormatException(h.Source, null, null, $"no row has tokens, {FeatureName(feature)} and accuracy of task {task.Name} all present");
        return new RunSeries(run, h.Source,
            keep.Select(r => d[r]).ToArray(), keep.Select(r => x[r]).ToArray(), keep.Select(r => y[r]).ToArray(),
            keep.Select(h.Line).ToArray());
    }

    /// <summary>The feature series (lower is better): task bits per byte, C4 loss, or −(mean log-probability).</summary>
    public double[] Feature(RunHistory h, LadderTask task, LadderFeature feature)
    {
        switch (feature)
        {
            case LadderFeature.C4:
                return h.Series([new WeightedColumn(Description.C4LossColumn)], "C4 loss feature");
            case LadderFeature.Ce:
                if (task.LogProbability.Count == 0)
                    throw new InvalidRequestException($"{Description.Source}: task '{task.Name}' lists no log-probability columns (needed for the ce feature)");
                var lp = h.Series(task.LogProbability, $"cross-entropy of task {task.Name}");
                for (int i = 0; i < lp.Length; i++) lp[i] = -lp[i];
                return lp;
            default:
                return h.Series(task.Loss, $"loss of task {task.Name}");
        }
    }

    public static string FeatureName(LadderFeature f) => f switch
    {
        LadderFeature.C4 => "C4 loss",
        LadderFeature.Ce => "task cross-entropy",
        _ => "task loss (bits per byte)",
    };
}
