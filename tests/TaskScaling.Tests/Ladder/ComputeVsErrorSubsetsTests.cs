using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

public class ComputeVsErrorSubsetsTests
{
    [Theory]
    [InlineData(16, 32)]
    [InlineData(1000, 32)]
    [InlineData(400, 8)]
    [InlineData(3, 2)]
    public void LongSeriesKeepGeometricallySpacedStepsWithTheFirstAndTheLast(int count, int max)
    {
        var steps = ComputeVsError.Steps(count, max).ToArray();
        Assert.Equal(0, steps[0]);
        Assert.Equal(count - 1, steps[^1]);
        Assert.True(steps.Length <= max, $"{steps.Length} steps for max {max}");
        Assert.Equal(steps.Distinct().Order(), steps);
        if (count <= max) Assert.Equal(count, steps.Length);
        // Cost: Σ (runs in each reported subset) stays within count × reported steps, and for a long series
        // far below the count²/2 of reporting every step.
        long cost = steps.Sum(s => (long)s + 1);
        Assert.True(cost <= (long)count * steps.Length);
        if (count >= 100 * max) Assert.True(cost < (long)count * count / 8, $"cost {cost}");
    }

    [Fact]
    public void ThinnedSeriesReportTheSameErrorsForTheSubsetsTheyKeep()
    {
        var request = new ComputeVsErrorRequest { Tasks = ["piqa"] };
        var all = ComputeVsError.Run(ReferenceRun.Paper, request);
        var thin = ComputeVsError.Run(ReferenceRun.Paper, request with { MaxSubsetsPerSeries = 4 });
        foreach (var series in Enum.GetValues<SubsetSeries>())
        {
            var kept = thin.Rows.Where(r => r.Series == series).ToArray();
            var full = all.Rows.Where(r => r.Series == series).ToArray();
            Assert.True(kept.Length <= 4);
            Assert.Equal(full[0].Step, kept[0].Step);
            Assert.Equal(full[^1].Runs, kept[^1].Runs);
            foreach (var row in kept)
            {
                var same = full.Single(r => r.Step == row.Step);
                Assert.Equal(same.Runs, row.Runs);
                Assert.Equal(same.ChainedError, row.ChainedError);
                Assert.Equal(same.Step1Error, row.Step1Error);
            }
        }
        Assert.Throws<InvalidRequestException>(() => ComputeVsError.Run(ReferenceRun.Paper, request with { MaxSubsetsPerSeries = 1 }));
    }
}
