using TaskScaling.Numerics.Training;

namespace TaskScaling.Tests.Numerics;

public sealed class AdamTests
{
    /// <summary>
    /// The vectorised step gives exactly the scalar formula of torch.optim.Adam (weight decay 0), entry by entry, for a
    /// length that is not a multiple of the register width, with frozen entries, lower bounds (clamped after the step)
    /// and a learning rate that changes.
    /// </summary>
    [Fact]
    public void StepEqualsTheScalarFormulaBitForBit()
    {
        const int n = 37;
        var rng = new Random(11);
        var trainable = Enumerable.Range(0, n).Select(i => i % 7 != 3).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 0.2 - 0.1).ToArray();
        // Entries 0, 5, 10, … are bounded below by 0 (a frozen one, 10, starts below its bound and must stay there).
        var lower = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0.0 : double.NegativeInfinity).ToArray();
        x[10] = -0.05;
        var start = (double[])x.Clone();
        var xs = (double[])x.Clone();
        var m = new double[n]; var v = new double[n];
        int clamped = 0;
        var adam = new Adam(n, 0.05, trainable, lower);
        for (int t = 1; t <= 25; t++)
        {
            var g = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 2))).ToArray();
            if (t == 12) adam.LearningRate = 0.01;
            double lr = adam.LearningRate;
            adam.Step(x, g);
            double bc1 = 1 - Math.Pow(0.9, t), bc2 = 1 - Math.Pow(0.999, t);
            for (int i = 0; i < n; i++)
            {
                if (!trainable[i]) continue;
                m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
                v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
                xs[i] -= lr / bc1 * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(bc2) + 1e-8);
                if (xs[i] < lower[i]) { xs[i] = lower[i]; clamped++; }
            }
            for (int i = 0; i < n; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(xs[i]), BitConverter.DoubleToInt64Bits(x[i]));
        }
        Assert.True(clamped > 0, "some steps should have hit a bound");
        Assert.Equal(-0.05, x[10]);
        for (int i = 0; i < n; i++)
        {
            if (!trainable[i]) Assert.Equal(start[i], x[i]);
            Assert.True(x[i] >= lower[i] || !trainable[i]);
        }
    }

    [Fact]
    public void FirstStepMovesEachEntryByTheLearningRate()
    {
        // With bias correction, step 1 is lr·g/(|g| + eps) = lr·sign(g)·(1 − eps/(|g| + eps)): within 1e-5·lr of lr·sign(g)
        // for every |g| ≥ 1e-3, whatever the gradient's scale.
        var x = new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        var g = new double[] { 3, -1e-3, 250, -7, 1e-2, 1, -1, 5, -0.5, 2 };
        new Adam(x.Length, 0.1).Step(x, g);
        for (int i = 0; i < x.Length; i++) Assert.Equal(-0.1 * Math.Sign(g[i]), x[i], 1e-6 + 1e-12);
    }
}
