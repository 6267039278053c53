namespace TaskScaling.Skills;

/// <summary>Link function g_j of the skill model (spec §2.3).</summary>
public enum LinkKind
{
    /// <summary>g(z) = 1/(1 + e^(−z)).</summary>
    Sigmoid,
    /// <summary>A trainable monotone network per benchmark: tanh → 10 tanh → 10 tanh → 1 → sigmoid, weights ≥ 0.</summary>
    Monotone,
}

/// <summary>
/// Layout of the flat parameter vector of a skill model: W = [Aᵀ; a] (q×d, row-major), b (J), Λ (J×d,
/// row-major), γ (J, c = sigmoid(γ)), then for the monotone link J blocks of 141 network parameters
/// [W1 (10), v1 (10), W2 (10×10 row-major, out×in), v2 (10), W3 (10), v3 (1)].
/// </summary>
public sealed record SkillParameters(int Columns, int Skills, int Benchmarks, LinkKind Link)
{
    public const int Hidden = 10;
    public const int NetworkSize = Hidden + Hidden + Hidden * Hidden + Hidden + Hidden + 1; // 141
    // Offsets inside a network block.
    public const int OffW1 = 0, OffV1 = 10, OffW2 = 20, OffV2 = 120, OffW3 = 130, OffV3 = 140;

    public int W => 0;
    public int B => Columns * Skills;
    public int Lambda => B + Benchmarks;
    public int Gamma => Lambda + Benchmarks * Skills;
    public int Network => Gamma + Benchmarks;
    public int Count => Network + (Link == LinkKind.Monotone ? Benchmarks * NetworkSize : 0);

    /// <summary>True for the network weights (kept ≥ 0 for monotonicity); biases are free.</summary>
    public bool IsNetworkWeight(int index)
    {
        if (Link != LinkKind.Monotone || index < Network) return false;
        int o = (index - Network) % NetworkSize;
        return o < OffV1 || (o >= OffW2 && o < OffV2) || (o >= OffW3 && o < OffV3);
    }
}
