namespace TaskScaling.Ladder;

/// <summary>What the variance analysis examines.</summary>
public sealed record VarianceRequest
{
    /// <summary>The ladder run (default: the description's varianceRun, else the last ladder run).</summary>
    public string? Run { get; init; }
    /// <summary>Tasks (default: the description's varianceTasks, else all).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }
    /// <summary>How many of the run's last checkpoints (default 10).</summary>
    public int Checkpoints { get; init; } = 10;
    /// <summary>Target whose prediction errors are set beside the noise (default: the description's analysisTarget,
    /// else its first target); none when the description has no target.</summary>
    public string? Target { get; init; }
}

/// <summary>One task's noise over the last checkpoints, and the target's prediction errors beside it.</summary>
public sealed record TaskVariance
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }
    public double LossMean { get; init; }
    /// <summary>Population standard deviation (divisor n).</summary>
    public double LossSd { get; init; }
    /// <summary>Coefficient of variation SD / mean.</summary>
    public double LossCv { get; init; }
    public double AccuracyMean { get; init; }
    public double AccuracySd { get; init; }
    public double AccuracyCv { get; init; }
    /// <summary>Step 1: signed (L̂ − L) / L at the target.</summary>
    public double? Step1RelativeError { get; init; }
    /// <summary>Step 2 (start a = chance − 1): signed (Acĉ − Acc) / Acc at the target's actual loss.</summary>
    public double? Step2RelativeError { get; init; }
    /// <summary>Chained: |Acĉ − Acc| / Acc.</summary>
    public double? ChainedRelativeError { get; init; }
    public string? Message { get; init; }
    /// <summary>Failed when the target's prediction of this task failed (the errors are then null; left out of JSON when ok).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public PredictionStatus Status { get; init; }
}

public sealed record VarianceReport
{
    public required string Run { get; init; }
    public required int Checkpoints { get; init; }
    public string? Target { get; init; }
    /// <summary>Sorted by loss SD, descending: the noisy tasks first.</summary>
    public required IReadOnlyList<TaskVariance> Tasks { get; init; }
}

/// <summary>
/// How noisy each task is at the end of one ladder run: over its last checkpoints (raw — no moving
/// average, no skip), the population SD and the coefficient of variation of the task loss and of the
/// accuracy; set beside the target's step-1, step-2 and chained errors to show that noisy tasks are the
/// hard ones to predict (paper §5).
/// </summary>
public static class VarianceAnalysis
{
    public static VarianceReport Run(LadderDescription description, VarianceRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Run(new LadderData(description), request);
    }

    /// <summary>As <see cref="Run(LadderDescription, VarianceRequest)"/> on data shared with other computations (each file read once).</summary>
    internal static VarianceReport Run(LadderData data, VarianceRequest request)
    {
        var description = data.Description;
        if (request.Checkpoints < 2) throw new InvalidRequestException($"need at least 2 checkpoints, got {request.Checkpoints}");
        var run = request.Run is { } name ? description.Run(name)
            : description.VarianceRun is { } v ? description.Run(v) : description.LadderRuns.Last();
        var taskNames = request.Tasks is { Count: > 0 } ? request.Tasks
            : description.VarianceTasks.Count > 0 ? description.VarianceTasks : description.Tasks.Select(t => t.Name).ToList();
        var tasks = taskNames.Select(description.Task).ToArray();

        string? target = request.Target ?? description.AnalysisTarget ?? description.Targets.FirstOrDefault()?.Name;
        LadderPrediction? errors = null;
        if (target is not null)
            errors = LadderPredictor.Predict(data, new LadderPredictionRequest
            {
                Targets = [target], Tasks = taskNames, Interval = IntervalMethod.None, Step2StartA = double.NaN,
            });

        var rows = new List<TaskVariance>();
        for (int k = 0; k < tasks.Length; k++)
        {
            var s = data.Series(run, tasks[k], LadderFeature.Bpb);
            int n = Math.Min(request.Checkpoints, s.Count);
            var (lm, lsd) = MeanSd(s.X.AsSpan(s.Count - n));
            var (am, asd) = MeanSd(s.Y.AsSpan(s.Count - n));
            var e = errors?.Targets[0].Tasks[k];
            rows.Add(new TaskVariance
            {
                Task = tasks[k].Name, DisplayName = tasks[k].DisplayName,
                LossMean = lm, LossSd = lsd, LossCv = lsd / lm, AccuracyMean = am, AccuracySd = asd, AccuracyCv = asd / am,
                Step1RelativeError = e?.LossRelativeError, Step2RelativeError = e?.Step2RelativeError, ChainedRelativeError = e?.RelativeError,
                Message = e?.Message, Status = e?.Status ?? PredictionStatus.Ok,
            });
        }
        return new VarianceReport
        {
            Run = run.Name, Checkpoints = request.Checkpoints, Target = target,
            Tasks = rows.OrderByDescending(r => r.LossSd).ToArray(),
        };
    }

    /// <summary>Mean and population standard deviation (divisor n).</summary>
    public static (double Mean, double Sd) MeanSd(ReadOnlySpan<double> v)
    {
        double mean = 0;
        foreach (var x in v) mean += x;
        mean /= v.Length;
        double ss = 0;
        foreach (var x in v) ss += (x - mean) * (x - mean);
        return (mean, Math.Sqrt(ss / v.Length));
    }
}
