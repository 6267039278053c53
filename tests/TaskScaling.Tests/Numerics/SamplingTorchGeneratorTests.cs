using TaskScaling.Numerics.Sampling;

namespace TaskScaling.Tests.Numerics;

public sealed class SamplingTorchGeneratorTests
{
    [Fact]
    public void MersenneTwisterMeetsTheCppStandardCheck()
    {
        // C++ [rand.predef]: the 10000th output of a default-constructed std::mt19937 (seed 5489) is 4123659995.
        var mt = new MersenneTwister(5489);
        uint x = 0;
        for (int i = 0; i < 10000; i++) x = mt.NextUInt32();
        Assert.Equal(4123659995u, x);
    }

    // torch.manual_seed(42) followed by one call, as printed by PyTorch (4 decimals).
    [Theory]
    [InlineData(6, new[] { 0.3367, 0.1288, 0.2345, 0.2303, -1.1229, -0.1863 })] // torch.randn(2, 3): the double Box–Muller path
    [InlineData(16, new[] { 1.9269, 1.4873, 0.9007, -2.1055, 0.6784, -1.2345, -0.0431, -1.6047,
        -0.7521, 1.6487, -0.3925, -1.4036, -0.7279, -0.5594, -0.7688, 0.7624 })] // torch.randn(4, 4): the blocks of 16
    public void NormalReproducesTorch(int count, double[] expected)
    {
        var x = new TorchGenerator(42).Normal(count);
        for (int i = 0; i < count; i++) Assert.Equal(expected[i], x[i], 4);
    }

    [Fact]
    public void UniformReproducesTorch()
    {
        // torch.manual_seed(42); torch.rand(3)
        var x = new TorchGenerator(42).Uniform(3, 0f, 1f);
        Assert.Equal([0.8823, 0.9150, 0.3829], x.Select(v => Math.Round(v, 4)));
        // uniform_(from, to) is the same draw moved to [from, to).
        var y = new TorchGenerator(42).Uniform(3, -2f, 2f);
        for (int i = 0; i < 3; i++) Assert.Equal(4 * x[i] - 2, y[i], 6);
    }

    [Fact]
    public void ASizeThatIsNotAMultipleOf16RedrawsTheLastBlock()
    {
        // 20 values: entries 0–3 keep the first block's transform; the last 16 are drawn again from the stream.
        var twenty = new TorchGenerator(42).Normal(20);
        var sixteen = new TorchGenerator(42).Normal(16);
        for (int i = 0; i < 4; i++) Assert.Equal(sixteen[i], twenty[i]);
        Assert.NotEqual(sixteen[4], twenty[4]);
    }

    [Fact]
    public void SmallTensorsShareTheCachedSecondNormal()
    {
        // Box–Muller makes two normals per pair of uniforms; torch returns the cached sine half on the next call.
        var g = new TorchGenerator(42);
        var a = g.Normal(1).Concat(g.Normal(1)).Concat(g.Normal(4)).ToArray();
        Assert.Equal(new TorchGenerator(42).Normal(6), a);
    }
}
