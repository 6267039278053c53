namespace TaskScaling.Ladder;

/// <summary>
/// The names of the ladder method's choices as the command line and saved fits spell them (kebab case), and
/// back. They are part of the saved-fit format: never renamed.
/// </summary>
public static class LadderNames
{
    public static string Of(LadderVariant v) => v switch
    {
        LadderVariant.TwoStep => "two-step",
        LadderVariant.Flops => "flops",
        LadderVariant.SingleStep => "single-step",
        LadderVariant.DirectAccuracy => "direct-accuracy",
        LadderVariant.Mc => "mc",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    public static string Of(LadderFeature f) => f switch
    {
        LadderFeature.Bpb => "bpb",
        LadderFeature.C4 => "c4",
        LadderFeature.Ce => "ce",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, null),
    };

    public static string Of(IntervalMethod m) => m switch
    {
        IntervalMethod.None => "none",
        IntervalMethod.Delta => "delta",
        IntervalMethod.Bootstrap => "bootstrap",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };

    public static string Of(Step2Shape s) => s switch
    {
        Step2Shape.Sigmoid => "sigmoid",
        Step2Shape.LogSigmoid => "log-sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static bool TryParse(string? name, out LadderVariant v) => TryParse(name, Enum.GetValues<LadderVariant>(), Of, out v);
    public static bool TryParse(string? name, out LadderFeature f) => TryParse(name, Enum.GetValues<LadderFeature>(), Of, out f);
    public static bool TryParse(string? name, out IntervalMethod m) => TryParse(name, Enum.GetValues<IntervalMethod>(), Of, out m);
    public static bool TryParse(string? name, out Step2Shape s) => TryParse(name, Enum.GetValues<Step2Shape>(), Of, out s);

    private static bool TryParse<T>(string? name, T[] values, Func<T, string> of, out T value) where T : struct, Enum
    {
        foreach (var v in values)
            if (string.Equals(of(v), name, StringComparison.Ordinal)) { value = v; return true; }
        value = default;
        return false;
    }
}
