using System.Collections.Concurrent;
using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>The library reports progress through the requests' callbacks: every unit announced is reported done,
/// and the numbers do not depend on whether a callback is given.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void BootstrapPredictionCountsEveryFitAndRefit()
    {
        var calls = new ConcurrentBag<(int Done, int Total)>();
        var request = new LadderPredictionRequest { Targets = ["13B-5T"], Tasks = ["mmlu", "piqa"], Interval = IntervalMethod.Bootstrap, Resamples = 25 };
        var with = LadderPredictor.Predict(ReferenceRun.Paper, request with { Progress = (d, t) => calls.Add((d, t)) });
        Assert.Equal(2 * (1 + 25), calls.Max(c => c.Total));
        Assert.Equal(2 * (1 + 25), calls.Max(c => c.Done));
        Assert.All(calls, c => Assert.InRange(c.Done, 0, c.Total));
        var without = LadderPredictor.Predict(ReferenceRun.Paper, request);
        Assert.Equal(without.Targets[0].Tasks.Select(k => (k.Predicted, k.Lower, k.Upper)), with.Targets[0].Tasks.Select(k => (k.Predicted, k.Lower, k.Upper)));
    }

    [Fact]
    public void ComputeVsErrorCountsItsSubsetFits()
    {
        var calls = new ConcurrentBag<(int Done, int Total)>();
        var report = ComputeVsError.Run(ReferenceRun.Paper, new ComputeVsErrorRequest { Tasks = ["mmlu"], MaxSubsetsPerSeries = 3, Progress = (d, t) => calls.Add((d, t)) });
        Assert.NotEmpty(report.Rows);
        int total = calls.Max(c => c.Total);
        Assert.Equal(total, calls.Max(c => c.Done));
        // One fit per distinct subset of runs (series share their whole-ladder subset), at least one, at most one per row.
        Assert.InRange(total, 1, report.Rows.Count);
    }
}
