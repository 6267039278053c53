using System.CommandLine;
using System.Globalization;

namespace TaskScaling.Cli;

/// <summary>
/// `--params` and `--tokens` of both methods: raw counts, written 70B, 15T, 190M, 1.3e9 or 6887575552 (K, M, B, T
/// are 1e3, 1e6, 1e9, 1e12). A bare number below a million is refused: 70 could mean 70 or 70 billion, and the
/// message names the forms (skills used to take billions and trillions).
/// </summary>
internal static class CountOptions
{
    /// <summary>The smallest bare number taken as a count.</summary>
    public const double SmallestBare = 1e6;

    public static Option<double?> Create(string name, string what, string example) => new(name)
    {
        Description = $"{what}: a raw count, e.g. {example} (suffixes K, M, B, T = 1e3, 1e6, 1e9, 1e12; or 1.3e9).",
        HelpName = "COUNT",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (TryParse(text, out var v, out var why)) return v;
            r.AddError($"{name} {text}: {why}, e.g. {example}");
            return null;
        },
    };

    /// <summary>A count in the skills library's units: parameters in billions, tokens in trillions.</summary>
    public static double? Billions(double? count) => count / 1e9;

    public static double? Trillions(double? count) => count / 1e12;

    public static bool TryParse(string text, out double value, out string why)
    {
        value = double.NaN;
        var s = text.Trim();
        double scale = s.Length == 0 ? 1 : char.ToUpperInvariant(s[^1]) switch { 'K' => 1e3, 'M' => 1e6, 'B' => 1e9, 'T' => 1e12, _ => 1 };
        var number = scale == 1 ? s : s[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            why = "expected a count such as 70B, 15T, 190M or 1.3e9";
            return false;
        }
        if (x <= 0)
        {
            why = "expected a positive count";
            return false;
        }
        if (scale == 1 && x < SmallestBare)
        {
            why = $"a bare {number} is ambiguous; give a raw count or a unit (K, M, B, T)";
            return false;
        }
        // 70B → 70 × 1e9 exactly as 70e9 is read (one rounding, not two): parse the scaled text.
        value = scale == 1 ? x : double.Parse(number + "e" + Math.Log10(scale).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        why = "";
        return true;
    }
}
