namespace TaskScaling.Ladder;

/// <summary>A fit made with a predictor, to and from its payload: each task's choice (and auto's choice without FLOPs per
/// token), members, κ, reach and predictability inputs.</summary>
public static partial class LadderFitFile
{
    private static LadderTaskFitPayload TaskPayload(LadderTaskFit t) => new()
    {
        Task = t.Task, DisplayName = t.DisplayName, Chance = t.Chance, Step1FitError = t.Fit.Step1FitError,
        Step1 = Form(t.Fit.Step1, t.Step1Setup),
        Step2 = t.Fit.Step2 is { } s2 ? Form(s2, t.Step2Setup ?? throw new ArgumentException($"task {t.Task}: step 2 without its setup")) : null,
        Bootstrap = t.Bootstrap is { } b ? new BootstrapFitsPayload
        {
            Resamples = b.Resamples, Seed = b.Seed,
            Samples = b.Fits.Select(r => new ResampleFitPayload { Resample = r.Index, Step1 = r.Step1, Step2 = r.Step2 }).ToArray(),
        } : null,
    };

    private static LadderTaskPredictorPayload PredictorPayload(LadderTaskPredictor p) => new()
    {
        Task = p.Task, DisplayName = p.DisplayName,
        Choice = ChoicePayload(p.Choice), WithoutFlopsPerToken = p.WithoutFlopsPerToken is { } w ? ChoicePayload(w) : null,
        Reach = new LadderReachPayload { Parameters = p.MaxParameters, Tokens = p.MaxTokens, Compute = p.MaxCompute, ComputeUsesFlopsPerToken = p.ComputeUsesFlopsPerToken },
        Predictability = new LadderPredictabilityPayload { Noise = p.Noise, Signal = p.Signal, LargestRung = p.LargestRung },
    };

    private static LadderPredictorChoicePayload ChoicePayload(LadderPredictorChoice c) => new()
    {
        Predictor = LadderNames.Of(c.Predictor), BacktestError = c.BacktestError, Kappa = c.Kappa, Note = c.Note,
        Members = c.Members.Select(m => new LadderPredictorMemberPayload
        {
            Predictor = LadderNames.Of(m.Predictor), Weight = m.Weight, Problem = m.Problem, Value = m.Value,
            Fit = m.Fit is { } f ? TaskPayload(f) : null,
            Direct = m.Direct is { } d ? Form(d, DirectPredictor.Form) : null,
        }).ToArray(),
    };

    /// <summary>The predictors of a payload, checked: known names, a fit for every variant member, the direct power law's form.</summary>
    private static LadderTaskPredictor[] PredictorsOf(IReadOnlyList<LadderTaskPredictorPayload> ps, Action<string, string> fail,
        Func<LadderTaskFitPayload, string, LadderVariant, LadderTaskFit> taskFit, Func<FittedFormPayload, string, (FittedForm Form, FormSetup Setup)> form)
    {
        var result = new List<LadderTaskPredictor>();
        for (int k = 0; k < ps.Count; k++)
        {
            var p = ps[k];
            var at = $"predictors[{k}]";
            if (string.IsNullOrWhiteSpace(p.Task)) fail($"{at}.task", "empty task name");
            if (result.Any(x => string.Equals(x.Task, p.Task, StringComparison.OrdinalIgnoreCase))) fail($"{at}.task", $"duplicate task '{p.Task}'");
            result.Add(new LadderTaskPredictor
            {
                Task = p.Task, DisplayName = p.DisplayName,
                Choice = Choice(p.Choice, $"{at}.choice"),
                WithoutFlopsPerToken = p.WithoutFlopsPerToken is { } w ? Choice(w, $"{at}.withoutFlopsPerToken") : null,
                MaxParameters = p.Reach.Parameters, MaxTokens = p.Reach.Tokens, MaxCompute = p.Reach.Compute,
                ComputeUsesFlopsPerToken = p.Reach.ComputeUsesFlopsPerToken,
                Noise = p.Predictability.Noise, Signal = p.Predictability.Signal, LargestRung = p.Predictability.LargestRung,
            });
        }
        return result.ToArray();

        LadderPredictorKind Kind(string name, string at)
        {
            if (!LadderNames.TryParse(name, out LadderPredictorKind kind) || kind == LadderPredictorKind.Auto)
                fail(at, $"unknown value '{name}' (known: {string.Join(", ", LadderNames.Known<LadderPredictorKind>().Where(n => n != "auto"))})");
            return kind;
        }

        LadderPredictorChoice Choice(LadderPredictorChoicePayload c, string at)
        {
            var kind = Kind(c.Predictor, $"{at}.predictor");
            var members = new List<LadderPredictorMember>();
            for (int i = 0; i < c.Members.Count; i++)
            {
                var m = c.Members[i];
                var where = $"{at}.members[{i}]";
                var mk = Kind(m.Predictor, $"{where}.predictor");
                if (kind == LadderPredictorKind.Ensemble ? m.Weight is null || mk == LadderPredictorKind.Ensemble : mk != kind || c.Members.Count != 1)
                    fail(where, kind == LadderPredictorKind.Ensemble ? "an ensemble member needs a weight and a base predictor" : $"the {c.Predictor} predictor has one member of its own kind");
                var member = new LadderPredictorMember { Predictor = mk, Weight = m.Weight, Problem = m.Problem };
                if (m.Problem is null)
                    member = mk switch
                    {
                        LadderPredictorKind.Direct => member with { Direct = m.Direct is { } d ? form(d, $"{where}.direct").Form : Missing<FittedForm>($"{where}.direct") },
                        LadderPredictorKind.LargestRung => member with { Value = m.Value ?? Missing<double>($"{where}.value") },
                        _ => member with { Fit = m.Fit is { } f ? taskFit(f, $"{where}.fit", TaskPredictors.VariantOf(mk)) : Missing<LadderTaskFit>($"{where}.fit") },
                    };
                members.Add(member);
            }
            if (members.Count == 0 && kind != LadderPredictorKind.Ensemble) fail($"{at}.members", "no member");
            return new LadderPredictorChoice { Predictor = kind, BacktestError = c.BacktestError, Kappa = c.Kappa, Note = c.Note, Members = members };
        }

        T Missing<T>(string at)
        {
            fail(at, "missing (a member without a problem needs its fit)");
            return default!;
        }
    }
}
