using System.Text.RegularExpressions;

namespace TaskScaling.Data.Leaderboard.Import;

/// <summary>
/// The variant family of a model when the user gives none: its key with the size token removed, as the
/// Sloth compilation defines Family2 ("llama-2-13b-chat" → "llama-2-chat", "pythia-1.4b" → "pythia",
/// "mixtral-8x7b-v0.1" → "mixtral-v0.1"). A size token is a dash-separated part such as 7b, 1.4b, 1_6b,
/// 410m, 8x7b. A heuristic: give the family explicitly where it matters.
/// </summary>
public static partial class Family2Inference
{
    public static string Of(string model)
    {
        var key = ModelKey.Of(model);
        var parts = key.Split('-');
        var kept = parts.Where(p => !SizeToken().IsMatch(p)).ToArray();
        return kept.Length == 0 || kept.Length == parts.Length && parts.Length == 1 ? key : string.Join("-", kept);
    }

    [GeneratedRegex(@"^(\d+x)?\d+([._]\d+)?[bm]$")]
    private static partial Regex SizeToken();
}
