using System.Collections.Concurrent;

namespace TaskScaling.Ladder;

/// <summary>
/// One task's step-2 fits by training runs, shared by the two-step and flops predictors: both fit the same sigmoid
/// acc = a / (1 + e^(−k(L − L0))) + b on the same checkpoints with the same settings, so a backtest fold fits it once
/// (the same fit whichever predictor asks first, so results do not depend on the thread order), with a fold's options.
/// </summary>
internal sealed class SharedStep2
{
    private readonly ConcurrentDictionary<string, Lazy<FittedForm?>> _fits = new();

    public Func<FittedForm?> For(TaskPipeline pipeline, IReadOnlyList<int> runs, bool covariance) => () =>
        _fits.GetOrAdd($"{covariance}:{string.Join(",", runs)}",
            _ => new Lazy<FittedForm?>(() => pipeline.Step2Setup is { } s2
                ? s2.Fit(pipeline.Step2Observations(runs), null, covariance, TaskPipeline.FoldOptions(s2, step1: false)) : null)).Value;
}
