using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>The data fed to step 1 and step 2 equals the reference run's, point by point.</summary>
public class DataPreparationTests
{
    private static readonly LadderData Data = new(ReferenceRun.Paper);
    private static readonly LadderSettings Paper = LadderSettings.For(LadderFeature.Bpb);

    private static void Close(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(ReferenceRun.MainTasks), MemberType = typeof(ReferenceRun))]
    public void Step1PointsEqualTheReference(string task)
    {
        var pts = Step1Data.Prepare(Data, ReferenceRun.Paper.LadderRuns, ReferenceRun.Paper.Task(task), Paper);
        var reference = ReferenceRun.Task(task).GetProperty("step 1").GetProperty("points (order as concatenated by fit_step1)")
            .EnumerateArray().ToArray();
        Assert.Equal(reference.Length, pts.Length);
        for (int i = 0; i < pts.Length; i++)
        {
            Assert.Equal(reference[i].GetProperty("run").GetString(), ReferenceRun.RefRunName(pts[i].Run));
            Assert.Equal(reference[i].GetProperty("N").GetDouble(), pts[i].N);
            Assert.Equal(reference[i].GetProperty("D").GetDouble(), pts[i].D);
            Close(reference[i].GetProperty("task loss x").GetDouble(), pts[i].X, 1e-14, $"{task} {pts[i].Run} x");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceRun.MainTasks), MemberType = typeof(ReferenceRun))]
    public void Step2CountsAndSmoothedPointsEqualTheReference(string task)
    {
        var t = ReferenceRun.Paper.Task(task);
        var s2 = ReferenceRun.Task(task).GetProperty("step 2");
        var counts = s2.GetProperty("points per ladder run after the 10% skip");
        foreach (var run in ReferenceRun.Paper.LadderRuns)
            Assert.Equal(counts.GetProperty(ReferenceRun.RefRunName(run.Name)).GetInt32(), Step2Data.RunPoints(Data, run, t, Paper).Length);

        var all = Step2Data.Prepare(Data, ReferenceRun.Paper.LadderRuns, t, Paper);
        Assert.Equal(s2.GetProperty("total points fitted (including the extra (0, 1) point)").GetInt32(), all.Length);
        Assert.Equal((0.0, 1.0), (all[^1].X, all[^1].Y));

        var first = Step2Data.RunPoints(Data, ReferenceRun.Paper.Run("190M-1xC"), t, Paper);
        foreach (var (key, fromEnd) in new[] { ("run 190M-1xC first 3 smoothed points", false), ("run 190M-1xC last 3 smoothed points", true) })
            foreach (var p in s2.GetProperty(key).EnumerateArray())
            {
                int i = p.GetProperty("index after skip (0-based)").GetInt32();
                Assert.Equal(p.GetProperty("D").GetDouble(), first[i].D);
                Close(p.GetProperty("smoothed loss").GetDouble(), first[i].X, 1e-13, $"{task} point {i} loss");
                Close(p.GetProperty("smoothed accuracy").GetDouble(), first[i].Y, 1e-13, $"{task} point {i} accuracy");
                if (fromEnd) Assert.True(i >= first.Length - 3);
            }
    }

    [Theory]
    [MemberData(nameof(ReferenceRun.MainTasks), MemberType = typeof(ReferenceRun))]
    public void TargetActualsEqualTheReference(string task)
    {
        var target = ReferenceRun.Paper.Target("13B-5T");
        var series = Data.Series(target, ReferenceRun.Paper.Task(task), LadderFeature.Bpb);
        var a = TargetActuals.Of(series, Paper);
        var r = ReferenceRun.Task(task).GetProperty("target 13B-5T actual");
        Close(r.GetProperty("task loss, mean of last 5 rows (step-1 data path)").GetDouble(), a.Step1Loss, 1e-14, "step-1 actual loss");
        Close(r.GetProperty("task loss, last value of 5-row moving average (step-2 data path)").GetDouble(), a.Step2Loss, 1e-14, "step-2 actual loss");
        Close(r.GetProperty("accuracy, last value of 5-row moving average (this is the csv's y)").GetDouble(), a.Accuracy, 1e-14, "actual accuracy");
        Assert.Equal(r.GetProperty("D used for the target row (step-1 data path)").GetDouble(), series.Tokens[^1]);
    }

    [Fact]
    public void TargetTokensAreThePapers()
    {
        var facts = ReferenceRun.Root.GetProperty("data preparation facts").GetProperty("targets");
        foreach (var name in new[] { "7B-4T", "13B-5T" })
        {
            var target = ReferenceRun.Paper.Target(name);
            var d = Data.History(target.File).Tokens(target.Tokens)[^1];
            Assert.Equal(facts.GetProperty(name).GetProperty("D of last row as the reference computes it").GetDouble(), d);
            Assert.Equal(facts.GetProperty(name).GetProperty("N in config").GetDouble(), target.Parameters);
        }
    }

    [Fact]
    public void MovingAverageAveragesWhatIsThereAtTheStart()
    {
        var m = RunSeries.MovingAverage(new double[] { 1, 2, 3, 4, 5, 6, 7 }, 5);
        Assert.Equal(new[] { 1, 1.5, 2, 2.5, 3, 4, 5 }, m);
    }
}
