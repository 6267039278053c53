using System.Collections.Concurrent;

namespace TaskScaling.Ladder;

/// <summary>
/// One task's step-2 fits by training runs, shared by the two-step and flops predictors: both fit the same sigmoid
/// acc = a / (1 + e^(−k(L − L0))) + b on the same checkpoints with the same settings, so a backtest fold fits it once
/// (the same fit whichever predictor asks first, so results do not depend on the thread order). A fold's fit uses the
/// fold options and starts from the step-2 fit of the previous fold of its chain (<see cref="Chain"/>): the chains are
/// the folds' own, not a predictor's, so the start is the same whichever predictor asks.
/// </summary>
internal sealed class SharedStep2
{
    private readonly ConcurrentDictionary<string, Lazy<FittedForm?>> _fits = new();
    private readonly Dictionary<string, int[]> _previous = [];

    /// <summary>Declares, before any fit, each fold's training runs and those of the previous fold of its chain.</summary>
    public void Chain(IEnumerable<(int[] Train, int[] Previous)> links)
    {
        foreach (var (train, previous) in links) _previous[Key(train)] = previous;
    }

    public Func<FittedForm?> For(TaskPipeline pipeline, IReadOnlyList<int> runs, bool fold) => () => Get(pipeline, runs, fold);

    private FittedForm? Get(TaskPipeline pipeline, IReadOnlyList<int> runs, bool fold) =>
        _fits.GetOrAdd($"{fold}:{Key(runs)}", _ => new Lazy<FittedForm?>(() =>
        {
            if (pipeline.Step2Setup is not { } s2) return null;
            var start = fold && _previous.TryGetValue(Key(runs), out var previous) && Get(pipeline, previous, fold) is { Usable: true } p
                ? p.Fit.Parameters : null;
            return s2.Fit(pipeline.Step2Observations(runs), start, covariance: true, fold ? TaskPipeline.FoldOptions(s2, step1: false) : null);
        })).Value;

    private static string Key(IReadOnlyList<int> runs) => string.Join(",", runs);
}
