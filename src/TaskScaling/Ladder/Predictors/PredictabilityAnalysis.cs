namespace TaskScaling.Ladder;

/// <summary>
/// The predictability flag of a prediction (<see cref="TaskPredictability"/>), after Heineman et al. 2025: noise = the
/// pooled SD sqrt(Σ nᵢ·sᵢ² / Σ nᵢ) of the task's accuracy over the last n = 10 checkpoints (or as many as a run has) of
/// the runs of the largest N; signal = max − min over sizes N of the mean final accuracy of the size's runs (the
/// step-1 final points, as the backtest's actuals); flagged when |predicted − largest rung| ≤ 2·noise (the prediction
/// does not leave the noise of what the ladder already measured) or the predictor's backtest MAE exceeds that change.
/// Ladder runs only: a target's actual never enters.
/// </summary>
internal static class PredictabilityAnalysis
{
    /// <summary>Checkpoints of each largest run in the noise (Heineman et al.'s n).</summary>
    public const int Checkpoints = 10;
    /// <summary>A predicted change within this many noise SDs is flagged.</summary>
    public const double NoiseMultiple = 2;

    /// <summary>A task's noise, signal and the final accuracy of its largest-compute ladder run.</summary>
    internal sealed record Measure(double? Noise, double Signal, double LargestRung);

    public static Measure Of(LadderData data, TaskPredictors tp)
    {
        var points = tp.Points;
        var all = Enumerable.Range(0, points.Count).ToArray();
        double maxN = points.Max(p => p.N);
        double squares = 0;
        int count = 0;
        foreach (int i in all.Where(i => points[i].N == maxN))
        {
            var y = data.AccuracySeries(tp.Runs[i], tp.Task).Y;
            int n = Math.Min(Checkpoints, y.Length);
            if (n < 2) continue;
            var (_, sd) = VarianceAnalysis.MeanSd(y.AsSpan(y.Length - n));
            squares += n * sd * sd;
            count += n;
        }
        var sizes = points.GroupBy(p => p.N).Select(g => g.Average(p => p.Y)).ToArray();
        // The largest rung as the largest-rung predictor takes it: the largest-compute run's final accuracy.
        int largest = all.MaxBy(i => RunInput.Of(points[i]).Compute(tp.UseF));
        return new Measure(count > 0 ? Math.Sqrt(squares / count) : null, sizes.Max() - sizes.Min(), points[largest].Y);
    }

    /// <summary>The flag of a prediction; null without a finite prediction.</summary>
    public static TaskPredictability? Flag(Measure m, double? predicted, double? backtestError)
    {
        if (predicted is not { } p || !double.IsFinite(p)) return null;
        double change = Math.Abs(p - m.LargestRung);
        var reasons = new List<string>();
        if (m.Noise is { } noise && change <= NoiseMultiple * noise) reasons.Add("the predicted change from the largest rung is within 2× the noise");
        if (backtestError is { } b && b > change) reasons.Add("the backtest error exceeds the predicted change");
        return new TaskPredictability
        {
            Noise = m.Noise, Signal = m.Signal, Ratio = m.Noise is > 0 and { } n ? m.Signal / n : null, PredictedChange = change,
            Flagged = reasons.Count > 0, Reason = reasons.Count > 0 ? string.Join("; ", reasons) : null,
        };
    }

    /// <summary>The prediction with every usable task prediction's flag; a task's backtest error is its own
    /// <see cref="TaskPrediction.BacktestError"/>, else <paramref name="backtestError"/> of its name (null: not judged by it).</summary>
    public static LadderPrediction Attach(LadderPrediction prediction, LadderData data, IReadOnlyList<TaskPredictors> tasks,
        Func<string, double?>? backtestError = null) =>
        Attach(prediction, tasks.ToDictionary(t => t.Task.Name, t => Of(data, t), StringComparer.Ordinal), backtestError);

    /// <summary>As above with each task's measure given (a saved fit keeps them).</summary>
    public static LadderPrediction Attach(LadderPrediction prediction, IReadOnlyDictionary<string, Measure> measures, Func<string, double?>? backtestError = null) =>
        prediction with
        {
            Targets = prediction.Targets.Select(t => t with
            {
                Tasks = t.Tasks.Select(k => k.Status == PredictionStatus.Ok && measures.TryGetValue(k.Task, out var m)
                    ? k with { Predictability = Flag(m, k.Predicted, k.BacktestError ?? backtestError?.Invoke(k.Task)) }
                    : k).ToArray(),
            }).ToArray(),
        };

    /// <summary>As <see cref="Attach(LadderPrediction, LadderData, IReadOnlyList{TaskPredictors}, Func{string, double?})"/>
    /// for a prediction made without predictors (a variant's): the request's tasks' final points are read here.</summary>
    public static LadderPrediction Attach(LadderPrediction prediction, LadderData data, LadderPredictionRequest request, Func<string, double?>? backtestError = null) =>
        Attach(prediction, data, LadderPredictor.ResolveTasks(data.Description, request.Tasks)
            .Select(t => TaskPredictors.Create(data, t, request, [LadderPredictorKind.LargestRung])).ToArray(), backtestError);
}
