using TaskScaling.Numerics;

namespace TaskScaling.Tests.Numerics;

public sealed class VectorKernelsTests
{
    private static double[] Values(int n, double phase) => Enumerable.Range(0, n).Select(i => Math.Sin(1.3 * i + phase) * (i + 1)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    public void AxpyIsElementWiseAtAnyLength(int n)
    {
        var x = Values(n, 0.2); var y = Values(n, 1.1);
        var expected = y.Select((v, i) => v + 0.37 * x[i]).ToArray();
        VectorKernels.Axpy(0.37, x, y);
        Assert.Equal(expected, y); // exact: the vector lanes and the scalar tail round alike
    }

    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    public void DotsAgreeWithTheSumOfProducts(int n)
    {
        var x = Values(n, 0.4); var y = Values(n, 2.0);
        double plain = x.Zip(y, (a, b) => a * b).Sum();
        Assert.Equal(plain, VectorKernels.Dot(x, y), 1e-12 * x.Zip(y, (a, b) => Math.Abs(a * b)).Sum());
        Assert.Equal(plain, VectorKernels.DotLanes(x, y), 1e-12 * x.Zip(y, (a, b) => Math.Abs(a * b)).Sum());
    }

    [Fact]
    public void NormRescalesOnlyWhenTheSumOfSquaresWouldOverOrUnderflow()
    {
        Assert.Equal(5.0, VectorKernels.Norm([3.0, 4.0]));
        Assert.Equal(5e200, VectorKernels.Norm([3e200, 4e200]), 1e188);
        Assert.Equal(5e-200, VectorKernels.Norm([3e-200, -4e-200]), 1e-212);
        Assert.Equal(0.0, VectorKernels.Norm([0.0, 0.0]));
        Assert.Equal(4.0, VectorKernels.NormInf([1.0, -4.0, 2.0]));
        Assert.True(double.IsNaN(VectorKernels.NormInf([1.0, double.NaN, 2.0])));
    }

    [Fact]
    public void ActivationsMatchTheScalarFunctions()
    {
        var x = Enumerable.Range(0, 16).Select(i => -30.0 + 4 * i).ToArray();
        var y = new double[16];
        VectorKernels.TanhAffine(x, 0.5, 0.25, y);
        for (int i = 0; i < 16; i++) Assert.Equal(Math.Tanh(0.5 * x[i] + 0.25), y[i], 1e-15);
        VectorKernels.Sigmoid(x, y);
        for (int i = 0; i < 16; i++) Assert.Equal(1 / (1 + Math.Exp(-x[i])), y[i], 1e-15);
        Assert.Equal(16, VectorKernels.Pad(9));
        Assert.Equal(8, VectorKernels.Pad(8));
    }
}
