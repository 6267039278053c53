namespace TaskScaling.Numerics.Forms;

/// <summary>
/// The named functional forms, under stable keys. A saved fit stores a form by key (not by its display
/// <see cref="IModel.Name"/>, which may be reworded) and gets the same form back from here. Keys are never
/// renamed or reused: a fit saved by one build must load in the next.
/// </summary>
public static class FormRegistry
{
    private static readonly (string Key, IModel Model)[] Forms =
    [
        ("power-law-nd", PowerLawNd.Instance),
        ("power-law-compute", PowerLawCompute.Instance),
        ("negated-power-law-nd", NegatedPowerLawNd.Instance),
        ("single-step-sigmoid", SingleStepSigmoid.Instance),
        ("sigmoid", Sigmoid.Instance),
        ("log-sigmoid", LogSigmoid.Instance),
    ];

    /// <summary>Every key, in a fixed order.</summary>
    public static IReadOnlyList<string> Keys { get; } = Forms.Select(f => f.Key).ToArray();

    /// <summary>The key of a registered form; null for a form that is not registered (e.g. a test's FunctionModel).</summary>
    public static string? KeyOf(IModel model)
    {
        foreach (var (key, m) in Forms)
            if (ReferenceEquals(m, model)) return key;
        return null;
    }

    /// <summary>The form of a key; false when the key is unknown.</summary>
    public static bool TryGet(string key, out IModel model)
    {
        foreach (var (k, m) in Forms)
            if (string.Equals(k, key, StringComparison.Ordinal)) { model = m; return true; }
        model = null!;
        return false;
    }
}
