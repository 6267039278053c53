namespace TaskScaling.Skills;

/// <summary>
/// Per-benchmark lower asymptote c_j (chance level) of the Sloth model, spec §1.2. Overridable: pass a
/// dictionary to <see cref="With"/>; a benchmark with no entry has c = 0 (a generative task).
/// </summary>
public sealed class LowerBounds
{
    private readonly Dictionary<string, double> _bounds;

    /// <summary>
    /// BBH: item-weighted mean of 1/#choices over its 24 sub-tasks (5,761 items); MUSR: (250/2 + 256/5 +
    /// 250/3)/756; TruthfulQA 0.31 is the reference's empirical ≈1st percentile.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Table { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["MMLU"] = 0.25, ["ARC"] = 0.25, ["HellaSwag"] = 0.25, ["GPQA"] = 0.25,
        ["Winogrande"] = 0.5, ["TruthfulQA"] = 0.31,
        ["GSM8K"] = 0.0, ["IFEval"] = 0.0, ["MATH Lvl 5"] = 0.0,
        ["MMLU-PRO"] = 0.1, ["BBH"] = 0.288504, ["MUSR"] = 0.343298,
    };

    public static LowerBounds Default { get; } = new(Table);

    private LowerBounds(IReadOnlyDictionary<string, double> bounds) =>
        _bounds = new Dictionary<string, double>(bounds, StringComparer.Ordinal);

    /// <summary>The default table with some entries replaced or added.</summary>
    public LowerBounds With(IReadOnlyDictionary<string, double> overrides)
    {
        var merged = new Dictionary<string, double>(_bounds, StringComparer.Ordinal);
        foreach (var (k, v) in overrides)
        {
            if (!(v >= 0 && v < 1)) throw new InvalidRequestException($"lower bound of '{k}' must lie in [0, 1), got {v}");
            merged[k] = v;
        }
        return new LowerBounds(merged);
    }

    public double For(string benchmark) => _bounds.TryGetValue(benchmark, out var c) ? c : 0.0;

    public double[] For(IReadOnlyList<string> benchmarks) => benchmarks.Select(For).ToArray();
}
