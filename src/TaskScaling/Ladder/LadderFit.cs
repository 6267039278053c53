namespace TaskScaling.Ladder;

/// <summary>
/// A ladder fit that predicts by itself, without the data it was fitted on: each task's fitted step 1 and
/// step 2 (with covariance where defined), the bootstrap refits' parameters when the intervals were
/// bootstrapped, the variant, feature and data settings, and the targets of the original run with their
/// N, D, F and actual scores; made with a predictor, each task's choice, members, ensemble weights and κ instead
/// (<see cref="Predictors"/>). Made by <see cref="LadderPredictor.Predict(LadderDescription, LadderPredictionRequest)"/>
/// (<see cref="LadderPrediction.Fit"/>) or read from a saved fit file (<c>Data.Ladder.LadderFitFile</c>);
/// <see cref="Predict"/> gives the same numbers as the original run.
/// </summary>
public sealed record LadderFit
{
    /// <summary>The ladder description's name.</summary>
    public required string Description { get; init; }
    public required LadderVariant Variant { get; init; }
    public required LadderFeature Feature { get; init; }
    public required LadderSettings Settings { get; init; }
    /// <summary>The request's start of step-2 a (null = −1, NaN = chance − 1): part of how the fit was made.</summary>
    public double? Step2StartA { get; init; }
    /// <summary>The interval method and level of the original run (the defaults of <see cref="Request"/>).</summary>
    public required IntervalMethod Interval { get; init; }
    public required double Level { get; init; }
    /// <summary>Bootstrap resamples and seed of the original run (bootstrap intervals only).</summary>
    public int? Resamples { get; init; }
    public int? Seed { get; init; }
    /// <summary>The ladder runs fitted on, in order.</summary>
    public required IReadOnlyList<string> LadderRuns { get; init; }
    /// <summary>Each task's fits (a variant's fit; empty for a fit made with a predictor: see <see cref="Predictors"/>).</summary>
    public required IReadOnlyList<LadderTaskFit> Tasks { get; init; }
    /// <summary>The predictor the fit was made with (null: the <see cref="Variant"/> alone).</summary>
    public LadderPredictorKind? Predictor { get; init; }
    /// <summary>With a <see cref="Predictor"/>: each task's choice, members, κ and extrapolation reach.</summary>
    public IReadOnlyList<LadderTaskPredictor> Predictors { get; init; } = [];
    /// <summary>The targets of the original run (predictable again by name).</summary>
    public IReadOnlyList<LadderFitTarget> Targets { get; init; } = [];

    /// <summary>True when every usable task carries its bootstrap refits (bootstrap intervals can be computed).</summary>
    public bool HasBootstrap => Resamples is not null && Tasks.All(t => t.Bootstrap is not null || !t.Fit.Usable)
        && Predictors.All(p => p.HasBootstrap);

    /// <summary>The request that reproduces the original run; change targets, tasks, interval or level with <c>with</c>.</summary>
    public LadderPredictionRequest Request => new()
    {
        Variant = Variant, Feature = Feature, Predictor = Predictor,
        Step1Window = Settings.Step1Window, Step2Window = Settings.Step2Window, Step2Skip = Settings.Step2Skip, Step1Checkpoints = Settings.Step1Checkpoints,
        Step2StartA = Step2StartA, Interval = Interval, Level = Level,
        Resamples = Resamples ?? new LadderPredictionRequest().Resamples, Seed = Seed ?? new LadderPredictionRequest().Seed,
    };

    /// <summary>The task's fit (case-insensitive name), or an error listing the fit's tasks.</summary>
    public LadderTaskFit Task(string name) => Named(Tasks, t => t.Task, name);

    /// <summary>The item of the task named <paramref name="name"/> (case-insensitive), or an error listing the fit's tasks.</summary>
    internal static T Named<T>(IReadOnlyList<T> items, Func<T, string> task, string name) =>
        items.FirstOrDefault(t => string.Equals(task(t), name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidRequestException($"the fit has no task '{name}' (it has: {string.Join(", ", items.Select(task))})");

    /// <summary>Predicts from the fit alone. The request chooses targets (named targets of the fit, or N, D and F),
    /// tasks (a subset of the fit's), interval and level; variant, feature, data settings, resamples and seed are
    /// the fit's (a request that asks for other ones is an error: they need a refit).</summary>
    public LadderPrediction Predict(LadderPredictionRequest request) => LadderPredictor.Predict(this, request);
}
