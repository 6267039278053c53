using System.Text.RegularExpressions;

namespace TaskScaling.Skills.Import;

/// <summary>
/// The variant family of a model when the user gives none: its key with the size token removed, as the
/// Sloth compilation builds Family2 — the first match of <c>-?\d+(\.\d+)?[bm]\d*</c> not followed by a
/// letter is deleted ("llama-2-13b-chat" → "llama-2-chat", "pythia-1.4b" → "pythia", "bloom-1b1" →
/// "bloom", "open_llama_13b" → "open_llama_", "mixtral-8x7b-v0.1" → "mixtral-8x-v0.1"). This gives
/// data_v2's Family2 for every row but the hand-merged gpt-j/gpt-neo/gpt-neox ("gpt-j-neo-neox").
/// </summary>
internal static partial class Family2Inference
{
    public static string Of(string model) => SizeToken().Replace(ModelKey.Of(model), "", 1);

    [GeneratedRegex(@"-?\d+(\.\d+)?[bm]\d*(?![a-z])")]
    private static partial Regex SizeToken();
}
