using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Ladder;

/// <summary>
/// The one table of names of the ladder method's choices (variant, feature, interval, step-2 shape; a saved fit's fit status and loss) as the command
/// line, saved fits and reports spell them (kebab case), and back. They are part of the saved-fit format: never renamed.
/// </summary>
public static class LadderNames
{
    private static readonly IReadOnlyDictionary<Type, (Enum Value, string Name, string Kind)[]> Tables = new Dictionary<Type, (Enum, string, string)[]>
    {
        [typeof(LadderVariant)] =
        [
            (LadderVariant.TwoStep, "two-step", "variant"), (LadderVariant.Flops, "flops", "variant"),
            (LadderVariant.SingleStep, "single-step", "variant"), (LadderVariant.DirectAccuracy, "direct-accuracy", "variant"),
            (LadderVariant.Mc, "mc", "variant"),
        ],
        [typeof(LadderFeature)] = [(LadderFeature.Bpb, "bpb", "feature"), (LadderFeature.C4, "c4", "feature"), (LadderFeature.Ce, "ce", "feature")],
        [typeof(IntervalMethod)] =
        [
            (IntervalMethod.None, "none", "interval"), (IntervalMethod.Delta, "delta", "interval"), (IntervalMethod.Bootstrap, "bootstrap", "interval"),
            (IntervalMethod.Calibrated, "calibrated", "interval"),
        ],
        [typeof(LadderPredictorKind)] =
        [
            (LadderPredictorKind.Auto, "auto", "predictor"), (LadderPredictorKind.TwoStep, "two-step", "predictor"),
            (LadderPredictorKind.SingleStep, "single-step", "predictor"), (LadderPredictorKind.Flops, "flops", "predictor"),
            (LadderPredictorKind.Direct, "direct", "predictor"), (LadderPredictorKind.LargestRung, "largest-rung", "predictor"),
            (LadderPredictorKind.Ensemble, "ensemble", "predictor"),
        ],
        [typeof(Step2Shape)] = [(Step2Shape.Sigmoid, "sigmoid", "step-2 shape"), (Step2Shape.LogSigmoid, "log-sigmoid", "step-2 shape")],
        // How a saved fit records its fits' status and loss.
        [typeof(FitStatus)] =
        [
            (FitStatus.Converged, "converged", "fit status"), (FitStatus.MaxIterationsReached, "max-iterations-reached", "fit status"),
            (FitStatus.Failed, "failed", "fit status"),
        ],
        [typeof(LossKind)] = [(LossKind.Linear, "linear", "loss"), (LossKind.Huber, "huber", "loss")],
    };

    private static (Enum Value, string Name, string Kind)[] Table<T>() where T : struct, Enum => Tables[typeof(T)];

    /// <summary>The name of a choice, e.g. "two-step".</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Array.Find(Table<T>(), e => e.Value.Equals(value)).Name ?? throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Every name of <typeparamref name="T"/>, in the enum's order.</summary>
    public static IReadOnlyList<string> Known<T>() where T : struct, Enum => Table<T>().Select(e => e.Name).ToArray();

    /// <summary>The choice named <paramref name="name"/> (exact, case-sensitive); false when there is none.</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        foreach (var e in Table<T>())
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) { value = (T)e.Value; return true; }
        value = default;
        return false;
    }

    /// <summary>The choice named <paramref name="name"/>; an unknown name is an <see cref="InvalidRequestException"/> listing the known ones.</summary>
    public static T Parse<T>(string? name) where T : struct, Enum =>
        TryParse(name, out T value) ? value : throw new InvalidRequestException(Unknown<T>(name));

    /// <summary>What a feature is, for axis labels and messages, e.g. "task loss (bits per byte)".</summary>
    public static string Label(LadderFeature f) => f switch
    {
        LadderFeature.C4 => "C4 loss",
        LadderFeature.Ce => "task cross-entropy",
        _ => "task loss (bits per byte)",
    };

    /// <summary>"unknown variant 'x' (known: two-step, flops, …)": the message for a name that is not in the table.</summary>
    public static string Unknown<T>(string? name) where T : struct, Enum =>
        $"unknown {Table<T>()[0].Kind} '{name}' (known: {string.Join(", ", Known<T>())})";
}
