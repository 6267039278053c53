namespace TaskScaling.Ladder;

/// <summary>
/// One task's predictors on one ladder: the fitted-on-demand <see cref="ITaskPredictor"/> of every base kind the data
/// supports (two-step, single-step, flops, direct, largest-rung), why the others are not possible, and the runs' final
/// points (N, D, F and the accuracy a held-out run actually reached).
/// </summary>
internal sealed class TaskPredictors
{
    /// <summary>The kinds that are fitted (ensemble and auto are built from their backtests).</summary>
    public static IReadOnlyList<LadderPredictorKind> BaseKinds { get; } =
        [LadderPredictorKind.TwoStep, LadderPredictorKind.SingleStep, LadderPredictorKind.Flops, LadderPredictorKind.Direct, LadderPredictorKind.LargestRung];

    /// <summary>The ensemble's members.</summary>
    public static IReadOnlyList<LadderPredictorKind> EnsembleMembers { get; } =
        [LadderPredictorKind.TwoStep, LadderPredictorKind.SingleStep, LadderPredictorKind.Flops, LadderPredictorKind.Direct];

    public required LadderTask Task { get; init; }
    public required IReadOnlyList<LadderRun> Runs { get; init; }
    /// <summary>Each run's final point: N, D, F and the mean accuracy of its last rows (the held-out "actual").</summary>
    public required IReadOnlyList<Step1Point> Points { get; init; }
    /// <summary>True when every ladder run has FLOPs per token: compute is D·F, else 6·N·D.</summary>
    public required bool UseF { get; init; }
    public required IReadOnlyDictionary<LadderPredictorKind, ITaskPredictor> Available { get; init; }
    public required IReadOnlyDictionary<LadderPredictorKind, string> Unavailable { get; init; }
    /// <summary>The step-2 fits two-step and flops share in backtest folds.</summary>
    public required SharedStep2 Step2 { get; init; }

    public static LadderVariant VariantOf(LadderPredictorKind kind) => kind switch
    {
        LadderPredictorKind.TwoStep => LadderVariant.TwoStep,
        LadderPredictorKind.SingleStep => LadderVariant.SingleStep,
        LadderPredictorKind.Flops => LadderVariant.Flops,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a variant predictor"),
    };

    public static bool IsVariant(LadderPredictorKind kind) =>
        kind is LadderPredictorKind.TwoStep or LadderPredictorKind.SingleStep or LadderPredictorKind.Flops;

    /// <summary>The predictors of <paramref name="kinds"/> (base kinds only) for the task, with the request's feature and data settings.</summary>
    public static TaskPredictors Create(LadderData data, LadderTask task, LadderPredictionRequest request, IEnumerable<LadderPredictorKind> kinds)
    {
        var runs = data.Description.LadderRuns.ToList();
        bool useF = runs.All(r => r.HasFlopsPerToken);
        var available = new Dictionary<LadderPredictorKind, ITaskPredictor>();
        var unavailable = new Dictionary<LadderPredictorKind, string>();
        // The single-step pipeline reads every run's final point (with or without a feature); direct and largest-rung share it.
        var basic = TaskPipeline.Create(data, task, runs, LadderVariant.SingleStep, (request with { Variant = LadderVariant.SingleStep }).Settings(), request.Step2StartA);
        var step2 = new SharedStep2();
        foreach (var kind in kinds.Distinct())
        {
            if (!IsVariant(kind))
            {
                available[kind] = kind == LadderPredictorKind.Direct
                    ? new DirectPredictor(basic.Step1Points, useF)
                    : new LargestRungPredictor(basic.Step1Points, useF);
                continue;
            }
            // Hypothetical target with F: only the ladder's own data decides here (targets are checked when predicting them).
            var r = request with { Variant = VariantOf(kind), Parameters = 1, Tokens = 1, FlopsPerToken = 1, Targets = null, Hypothetical = null };
            var support = VariantSupport.Check(data, r, [task]);
            if (!support.Supported) { unavailable[kind] = support.Message; continue; }
            available[kind] = kind == LadderPredictorKind.SingleStep
                ? new VariantPredictor(kind, basic, VariantPredictor.SingleStepIterations)
                : new VariantPredictor(kind, TaskPipeline.Create(data, task, runs, r.Variant, r.Settings(), request.Step2StartA), step2: step2);
        }
        return new TaskPredictors { Task = task, Runs = runs, Points = basic.Step1Points, UseF = useF, Available = available, Unavailable = unavailable, Step2 = step2 };
    }
}
