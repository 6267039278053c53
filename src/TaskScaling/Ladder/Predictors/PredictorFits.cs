using TaskScaling.Ladder.Backtest;

namespace TaskScaling.Ladder;

/// <summary>
/// The fresh side of a predictor prediction: each task's <see cref="LadderTaskPredictor"/> from the ladder data and its
/// backtest (auto's choice, the ensemble's weights, κ, the members fitted on every ladder run). The choice the request's
/// targets do not use (auto: with or without FLOPs per token) is fitted only when asked for (a saved fit asks).
/// </summary>
internal static class PredictorFits
{
    /// <param name="engine">The backtest (null when neither auto, the ensemble nor calibrated intervals need it).</param>
    /// <param name="targetsHaveF">Whether every target has F (or the ladder runs have none): the choice made now.</param>
    public static LadderTaskPredictor[] Of(LadderData data, LadderPredictionRequest request, IReadOnlyList<TaskPredictors> predictors,
        BacktestEngine? engine, bool targetsHaveF)
    {
        var kind = request.Predictor!.Value;
        bool useF = predictors.Count > 0 && predictors[0].UseF;
        // Auto's choices: with F (every kind) and, when the ladder runs have F, without (no flops, no direct).
        var kinds = new (LadderPredictorKind Kind, string? Note)[predictors.Count, 2];
        for (int k = 0; k < predictors.Count; k++)
            for (int f = 0; f < 2; f++)
            {
                bool withF = f == 0 || !useF;
                if (kind != LadderPredictorKind.Auto) { kinds[k, f] = (kind, null); continue; }
                var c = engine!.Choose(k, allowed: x => x is not (LadderPredictorKind.Flops or LadderPredictorKind.Direct) || withF);
                kinds[k, f] = (c ?? LadderPredictorKind.TwoStep, c is null ? "auto: no backtest fold of this ladder could be fitted, so the two-step predictor is used" : null);
            }
        int now = targetsHaveF ? 0 : 1;
        // The choices used now, fitted now: each variant once for its tasks (the variant's own code), the others per task.
        var variantFits = Enumerable.Range(0, predictors.Count).Where(k => TaskPredictors.IsVariant(kinds[k, now].Kind)).GroupBy(k => kinds[k, now].Kind)
            .SelectMany(g => g.Zip(VariantFits(data, request, g.Key, g.Select(k => predictors[k].Task.Name).ToArray()), (k, fit) => (k, fit)))
            .ToDictionary(x => x.k, x => x.fit);
        var result = new LadderTaskPredictor[predictors.Count];
        for (int k = 0; k < predictors.Count; k++)
        {
            var tp = predictors[k];
            int task = k;
            var current = Choice(data, request, engine, tp, task, kinds[k, now], variantFits.GetValueOrDefault(k));
            // Fitted later (when the fit is saved): no progress to report by then.
            var other = kinds[k, 1 - now].Kind == kinds[k, now].Kind ? null
                : new Lazy<LadderPredictorChoice>(() => Choice(data, request with { Progress = null }, engine, tp, task, kinds[task, 1 - now], null));
            var chosenNow = new Lazy<LadderPredictorChoice>(current);
            var (withF, withoutF) = now == 0 ? (chosenNow, other) : (other ?? chosenNow, other is null ? null : chosenNow);
            var reach = ExtrapolationReach.Of(tp.Points.Select(RunInput.Of).ToArray(), tp.UseF);
            var m = PredictabilityAnalysis.Of(data, tp);
            result[k] = new LadderTaskPredictor
            {
                Task = tp.Task.Name, DisplayName = tp.Task.DisplayName, Choice = current,
                MaxParameters = reach.MaxN, MaxTokens = reach.MaxD, MaxCompute = reach.MaxCompute, ComputeUsesFlopsPerToken = reach.UseF,
                Noise = m.Noise, Signal = m.Signal, LargestRung = m.LargestRung,
            }.WithChoices(withF, withoutF);
        }
        return result;
    }

    /// <summary>A task's choice with its members fitted on every ladder run (<paramref name="variantFit"/>: the variant's
    /// fit when already made).</summary>
    private static LadderPredictorChoice Choice(LadderData data, LadderPredictionRequest request, BacktestEngine? engine, TaskPredictors tp, int k,
        (LadderPredictorKind Kind, string? Note) choice, LadderTaskFit? variantFit)
    {
        var kind = choice.Kind;
        IReadOnlyList<LadderPredictorMember> members;
        if (TaskPredictors.IsVariant(kind))
            members = [new LadderPredictorMember { Predictor = kind, Fit = variantFit ?? VariantFits(data, request, kind, [tp.Task.Name])[0] }];
        else
        {
            var weights = kind == LadderPredictorKind.Ensemble ? engine!.Weights(k) : null;
            var all = Enumerable.Range(0, tp.Runs.Count).ToArray();
            members = (weights?.Keys ?? [kind]).Select(m =>
            {
                string? why = $"the {LadderNames.Of(m)} predictor is not possible with this data";
                var member = new LadderPredictorMember { Predictor = m, Weight = weights?[m] };
                if (!tp.Available.TryGetValue(m, out var predictor) || predictor.Fit(all, fold: null, out why) is not { } fit)
                    return member with { Problem = why };
                return m switch
                {
                    LadderPredictorKind.Direct => member with { Direct = fit.Direct },
                    LadderPredictorKind.LargestRung => member with { Value = fit.At(default).Value },
                    _ => member with
                    {
                        Fit = new LadderTaskFit
                        {
                            Task = tp.Task.Name, DisplayName = tp.Task.DisplayName, Chance = tp.Task.Chance, Fit = fit.Fit!,
                            Step1Setup = ((VariantPredictor)predictor).Pipeline.Step1Setup, Step2Setup = ((VariantPredictor)predictor).Pipeline.Step2Setup,
                        },
                    },
                };
            }).ToArray();
        }
        return new LadderPredictorChoice
        {
            Predictor = kind, Note = choice.Note, Members = members,
            BacktestError = engine?.Mae(kind, k),
            Kappa = request.Interval == IntervalMethod.Calibrated ? engine!.Kappa(kind, k) : null,
        };
    }

    /// <summary>The variant's own fits of the tasks (with bootstrap refits when the interval asks for them); the target
    /// is a placeholder: a fit does not depend on the targets.</summary>
    private static IReadOnlyList<LadderTaskFit> VariantFits(LadderData data, LadderPredictionRequest request, LadderPredictorKind kind, string[] tasks) =>
        LadderPredictor.Predict(data, request with
        {
            Predictor = null, Variant = TaskPredictors.VariantOf(kind), Tasks = tasks,
            Interval = request.Interval == IntervalMethod.Calibrated ? IntervalMethod.None : request.Interval,
            Targets = null, Hypothetical = null, Parameters = 1, Tokens = 1, FlopsPerToken = 1,
        }).Fit!.Tasks;
}
