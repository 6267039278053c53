using System.Runtime.Intrinsics;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

public sealed class SkillObjectiveKernelTests
{
    /// <summary>The single-precision exponential of the kernel is within 3 float ulps (≈ 2e-7 relative) of e^x on |x| ≤ 80.</summary>
    [Fact]
    public void SinglePrecisionExpIsAccurateOverTheClampedRange()
    {
        double worst = 0;
        for (int start = 0; start < 16_001; start += 16)
        {
            var xs = new float[16];
            for (int l = 0; l < 16; l++) xs[l] = (float)(-80.0 + 160.0 * Math.Min(start + l, 16_000) / 16_000);
            var e = SkillObjectiveKernel<float>.ExpSingle(Vector512.Create<float>(xs));
            for (int l = 0; l < 16; l++)
            {
                double exact = Math.Exp(xs[l]);
                worst = Math.Max(worst, Math.Abs(e[l] - exact) / exact);
            }
        }
        Assert.True(worst <= 2e-7, $"worst relative error {worst:E2}");
        Assert.True(worst > 0);
    }

    [Fact]
    public void PaddingFollowsTheRegisterWidth()
    {
        Assert.Equal(8, SkillObjectiveKernel<double>.Lanes);
        Assert.Equal(16, SkillObjectiveKernel<float>.Lanes);
    }
}
