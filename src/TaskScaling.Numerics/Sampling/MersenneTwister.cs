namespace TaskScaling.Numerics.Sampling;

/// <summary>
/// MT19937 (Matsumoto &amp; Nishimura 1998), the 32-bit generator behind <c>std::mt19937</c> and PyTorch's CPU
/// generator, seeded the standard way (x₀ = seed, xᵢ = 1812433253·(xᵢ₋₁ ⊕ (xᵢ₋₁ ≫ 30)) + i). Written out because
/// the transforms of <see cref="TorchGenerator"/> consume the raw 32-bit words, which MathNet's MersenneTwister
/// does not expose.
/// </summary>
public sealed class MersenneTwister
{
    private const int N = 624, M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    public MersenneTwister(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++) _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>The next 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }
}
