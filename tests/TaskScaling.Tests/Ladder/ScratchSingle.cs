using TaskScaling.Ladder;
using Xunit.Abstractions;

namespace TaskScaling.Tests.Ladder;

public class ScratchSingle(ITestOutputHelper o)
{
    [Fact]
    public void Explore()
    {
        var data = new LadderData(ReferenceRun.Paper);
        var runs = ReferenceRun.Paper.LadderRuns.ToList();
        var p = TaskPipeline.Create(data, ReferenceRun.Paper.Task("arc_challenge"), runs, LadderVariant.SingleStep, LadderSettings.For(LadderFeature.Bpb));
        var obs = p.Step1Observations(p.AllRuns);
        var rng = new Random(1);
        var seen = new List<(double, double, string)>();
        for (int k = 0; k < 60; k++)
        {
            double[] s = k == 0 ? p.Step1Setup.Start : [rng.NextDouble() * 15, rng.NextDouble() * 15, rng.NextDouble(), rng.NextDouble(), rng.NextDouble() * 4 - 2, -0.75 + 0.2 * rng.NextDouble(), 0.8 + 0.2 * rng.NextDouble()];
            var f = p.Step1Setup.Fit(obs, s, covariance: false);
            seen.Add((f.Fit.Objective, f.Predict(13202396160, 5000088518656), $"{f.Fit.Status} {string.Join(",", f.Fit.Parameters.Select(v => v.ToString("G4")))}"));
        }
        foreach (var (obj, pred, msg) in seen.OrderBy(t => t.Item1).Take(12)) o.WriteLine($"obj {obj:E6} pred {pred:F5} {msg}");
        o.WriteLine($"paper start: obj {seen[0].Item1:E6} pred {seen[0].Item2:F5}");
    }
}
