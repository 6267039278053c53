using System.Globalization;
using TaskScaling.Numerics;
using TaskScaling.Numerics.Forms;

namespace TaskScaling.Ladder;

/// <summary>
/// Warnings on a prediction whose numbers are less certain than they look: a fitted parameter at a bound of its
/// form (the optimum lies outside; the delta-method covariance treats it as free), or an interval of zero width
/// (width ≤ 1e-12 × the larger |end|, e.g. an accuracy interval clipped to [1, 1]). Not warned: the bounds that are
/// accuracy's own range — the step-2 sigmoid's ceiling b ≤ 1 and amplitude a ≥ −1, the single-step ceiling q ≤ 1
/// and amplitude p ≥ −1 (a ceiling at exactly 1 is what the point (0, 1) of step 2 asks for) — and the MC step 2's
/// floor and ceiling, pinned at chance and 1 by design.
/// </summary>
public static class FitWarnings
{
    /// <summary>The prediction with its warnings (<see cref="TaskPrediction.Warnings"/> stays null when there are none).</summary>
    internal static TaskPrediction Add(TaskPrediction p, LadderVariant variant, LadderTaskFit tf, FittedForm? mc, double level)
    {
        if (p.Status != PredictionStatus.Ok) return p;
        var w = new List<string>();
        AtBounds(w, LadderPredictor.PredictsAccuracyDirectly(variant) ? $"{Step1} (accuracy)" : Step1, tf.Fit.Step1, pinned: false);
        if (tf.Fit.Step2 is { } s2) AtBounds(w, Step2, s2, pinned: false);
        if (mc is not null) AtBounds(w, McStep2, mc, pinned: true);
        var pct = (100 * level).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        ZeroWidth(w, p.Lower, p.Upper, $"the {pct} {AccuracyInterval}");
        ZeroWidth(w, p.LossLower, p.LossUpper, $"the {pct} {LossInterval}");
        ZeroWidth(w, p.Step2Lower, p.Step2Upper, $"the {pct} {Step2Interval}");
        return w.Count == 0 ? p : p with { Warnings = w };
    }

    /// <summary>True for a warning about step 1 alone (its fit, or the predicted loss's interval): what `ladder step1` shows.</summary>
    public static bool ConcernsStep1(string warning) =>
        warning.StartsWith(Step1, StringComparison.Ordinal) || warning.Contains(LossInterval, StringComparison.Ordinal);

    /// <summary>True for a warning about step 2 alone (its fit, or the step-2 accuracy's interval): what `ladder step2` shows.</summary>
    public static bool ConcernsStep2(string warning) =>
        warning.StartsWith(Step2, StringComparison.Ordinal) || warning.StartsWith(McStep2, StringComparison.Ordinal)
        || warning.Contains(Step2Interval, StringComparison.Ordinal);

    private const string Step1 = "step 1", Step2 = "step 2", McStep2 = "MC step 2";
    private const string AccuracyInterval = "interval of the predicted accuracy", LossInterval = "interval of the predicted loss",
        Step2Interval = "interval of the step-2 accuracy";

    private static void AtBounds(List<string> warnings, string step, FittedForm form, bool pinned)
    {
        var active = form.Fit.ActiveBounds;
        for (int j = 0; j < active.Length; j++)
        {
            if (active[j] == 0 || AccuracyRange(form.Model, j, active[j], pinned)) continue;
            var name = form.Model.ParameterNames[j];
            var value = form.Fit.Parameters[j].ToString("G4", CultureInfo.InvariantCulture);
            warnings.Add($"{step}: {name} = {value} is at its {(active[j] < 0 ? "lower" : "upper")} bound (the fit is constrained there)");
        }
    }

    /// <summary>True for a bound that is accuracy's own range, or an MC pin (see the class summary).</summary>
    private static bool AccuracyRange(IModel model, int parameter, int side, bool pinned) => model switch
    {
        Sigmoid when pinned => parameter is 0 or 3,
        Sigmoid => (parameter, side) is (0, -1) or (3, 1),
        SingleStepSigmoid => (parameter, side) is (5, -1) or (6, 1),
        _ => false,
    };

    private static void ZeroWidth(List<string> warnings, double? lower, double? upper, string what)
    {
        if (lower is { } lo && upper is { } hi && !(hi - lo > 1e-12 * Math.Max(Math.Abs(lo), Math.Abs(hi))))
            warnings.Add($"{what} has zero width ([{lo.ToString("G6", CultureInfo.InvariantCulture)}, {hi.ToString("G6", CultureInfo.InvariantCulture)}])");
    }
}
