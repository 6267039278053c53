namespace TaskScaling.Skills;

/// <summary>The leave-family-out test groups of the Sloth evaluation (spec §6.3), by benchmark set and min_models.</summary>
internal static class TestGroups
{
    public static IReadOnlyList<string[]> For(string set, int minModels) => (set.ToLowerInvariant(), minModels) switch
    {
        ("v1", 2) => Parse("bloom | codegen-nl | codellama | deepseek-coder-base | pythia, dolly-v2 | falcon | gemma, gemma-it, sauerkrautlm-gemma | gpt-j-neo-neox | internlm2 | meta-llama-3, meta-llama-3-instruct | mpt, mpt-chat, mpt-instruct | olmo | opt | qwen2 | rwkv-4-pile | starcoder2 | stablelm-base-alpha | xglm | yi-1.5, yi-1.5-chat, dolphin-2.9.1-yi-1.5"),
        ("v2", 2) => Parse("bloom | pythia, dolly-v2 | falcon, falcon-instruct | gemma-2, gemma-2-it | gpt-j-neo-neox | meta-llama-3, meta-llama-3-instruct, llama-3-sauerkrautlm-instruct | olmo | opt | qwen2, qwen2-instruct, dolphin-2.9.2-qwen2 | starcoder2 | smollm, smollm-instruct | yi-1.5, yi-1.5-chat, dolphin-2.9.1-yi-1.5"),
        ("all", 2) => Parse("bloom | pythia, dolly-v2 | falcon | gemma, gemma-it, sauerkrautlm-gemma | gpt-j-neo-neox | meta-llama-3, meta-llama-3-instruct | olmo | opt | qwen2 | starcoder2 | yi-1.5, yi-1.5-chat, dolphin-2.9.1-yi-1.5"),
        ("v1", 3) => Parse("bloom | codellama | deepseek-coder-base | falcon | gpt-j-neo-neox | llama-2, llama-2-chat | open_llama_ | opt | pythia | qwen1.5, qwen1.5-chat | qwen2 | rwkv-4-pile | starcoder2 | xglm | yi-1.5, yi-1.5-chat"),
        ("v2", 3) => Parse("bloom | llama-2, llama-2-chat | orca_mini_v3_ | pythia, dolly-v2 | qwen1.5, qwen1.5-chat | qwen2, qwen2-instruct | smollm, smollm-instruct | starcoder2 | yi-1.5, yi-1.5-chat"),
        ("all", 3) => Parse("bloom | llama-2, llama-2-chat | pythia | qwen1.5, qwen1.5-chat | qwen2 | starcoder2 | yi-1.5, yi-1.5-chat"),
        _ => throw new InvalidRequestException($"no test groups for set '{set}' with min_models {minModels} (sets v1, v2, all; min_models 2 or 3)"),
    };

    private static IReadOnlyList<string[]> Parse(string s) =>
        s.Split('|').Select(g => g.Split(',').Select(f => f.Trim()).ToArray()).ToArray();
}
