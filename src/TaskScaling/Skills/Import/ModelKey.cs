namespace TaskScaling.Skills.Import;

/// <summary>
/// The name under which the Sloth compilation (<c>data_v2.csv</c>) stores a model: the Hugging Face id
/// lower-cased, without its organisation prefix and without a trailing "-hf" (the compilation's
/// "meta-llama/Llama-2-7b-hf" is "llama-2-7b", "allenai/OLMo-1B-hf" is "olmo-1b"). Every join of the
/// importer (leaderboard ↔ token counts, lm-eval results ↔ metadata) compares these keys.
/// </summary>
internal static class ModelKey
{
    public static string Of(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        int slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        name = name.ToLowerInvariant();
        if (name.EndsWith("-hf", StringComparison.Ordinal) && name.Length > 3) name = name[..^3];
        return name;
    }
}
