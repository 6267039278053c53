namespace TaskScaling.Numerics.Sampling;

/// <summary>
/// The random stream of PyTorch's CPU generator after <c>torch.manual_seed(seed)</c>, for float32 tensors: the
/// values <c>torch.normal(mean, std, size)</c> / <c>tensor.normal_()</c> and <c>tensor.uniform_(from, to)</c> (the
/// default initialisation of <c>nn.Linear</c>) would hold, in row-major order. Reproducing it lets a re-implementation
/// start from the reference code's own initial values. The transforms (torch's DistributionsHelper and CPU
/// distribution kernels):
/// <list type="bullet">
/// <item>uniform float: u = (w &amp; (2²⁴ − 1))·2⁻²⁴ from one 32-bit word w, then u·(to − from) + from;</item>
/// <item>uniform double: 53 bits of a 64-bit word (first 32-bit word high) times 2⁻⁵³;</item>
/// <item>normal, fewer than 16 values: Box–Muller in double, r = √(−2 ln(1 − u₂)), θ = 2π·u₁, returning r·cos θ and
/// caching r·sin θ for the next value;</item>
/// <item>normal, 16 values or more: fill the tensor with uniform floats, then Box–Muller in blocks of 16 (pairing
/// entry j with j + 8); when the size is not a multiple of 16, the last 16 entries are drawn again and transformed.</item>
/// </list>
/// Equal to torch to the last bit for fewer than 16 values and to float rounding of log/sin/cos otherwise (torch's
/// vectorised kernels use their own elementary functions).
/// </summary>
public sealed class TorchGenerator
{
    private readonly MersenneTwister _engine;
    private double? _nextNormal;

    public TorchGenerator(ulong seed) => _engine = new MersenneTwister((uint)seed);

    private float UniformSingle(float from, float to) =>
        (_engine.NextUInt32() & ((1u << 24) - 1)) * (1.0f / (1 << 24)) * (to - from) + from;

    private double UniformDouble()
    {
        ulong hi = _engine.NextUInt32(), lo = _engine.NextUInt32();
        return (((hi << 32) | lo) & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
    }

    private double NormalDouble()
    {
        if (_nextNormal is double cached) { _nextNormal = null; return cached; }
        double u1 = UniformDouble(), u2 = UniformDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2)), theta = 2.0 * Math.PI * u1;
        _nextNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta);
    }

    /// <summary><c>torch.normal(mean, std, size)</c> for a float32 tensor of <paramref name="count"/> entries.</summary>
    public float[] Normal(int count, float mean = 0f, float std = 1f)
    {
        var x = new float[count];
        if (count < 16)
        {
            for (int i = 0; i < count; i++) x[i] = (float)(NormalDouble() * std + mean);
            return x;
        }
        for (int i = 0; i < count; i++) x[i] = UniformSingle(0f, 1f);
        for (int i = 0; i + 16 <= count; i += 16) BoxMuller16(x, i, mean, std);
        if (count % 16 != 0)
        {
            int o = count - 16;
            for (int i = 0; i < 16; i++) x[o + i] = UniformSingle(0f, 1f);
            BoxMuller16(x, o, mean, std);
        }
        return x;
    }

    /// <summary><c>tensor.uniform_(from, to)</c> for a float32 tensor of <paramref name="count"/> entries.</summary>
    public float[] Uniform(int count, float from, float to)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = UniformSingle(from, to);
        return x;
    }

    private static void BoxMuller16(float[] x, int o, float mean, float std)
    {
        for (int j = 0; j < 8; j++)
        {
            float u1 = 1f - x[o + j], u2 = x[o + j + 8];
            float r = MathF.Sqrt(-2f * MathF.Log(u1)), theta = 2f * MathF.PI * u2;
            x[o + j] = r * MathF.Cos(theta) * std + mean;
            x[o + j + 8] = r * MathF.Sin(theta) * std + mean;
        }
    }
}
