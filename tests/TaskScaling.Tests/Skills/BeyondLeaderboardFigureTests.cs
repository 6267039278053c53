using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Skills;
using TaskScaling.Skills.Downstream;
using TaskScaling.Skills.TestTime;

namespace TaskScaling.Tests.Skills;

/// <summary>The report's downstream and coverage figures draw what they are given (legend entries for each series).</summary>
public sealed class BeyondLeaderboardFigureTests
{
    [Fact]
    public void DownstreamFigureShowsBothSidesAndTheTarget()
    {
        var layer = new DownstreamLayer([1.0, 0.5], 0.1, 1.0, -1, 0.03, 0.1);
        var side = new DownstreamSide("x", layer, [new DownstreamPoint("a", 0.2, 0.25, -1), new DownstreamPoint("b", 0.6, 0.55, 0.5)]);
        var r = new DownstreamResult
        {
            Task = "TaskX", Benchmarks = ["B"], Skills = 2, SlothTrainingModels = 10, SlothTrainingMae = 0.02, Seed = 42, Loadings = new double[1, 2],
            Skipped = [], Sloth = side, Pca = side, Level = 0.9, Resamples = 10,
            Targets = [new DownstreamTarget { Model = "target-70b", Family = "f", Parameters = 70, Tokens = 15, Skills = [1, 2], Predicted = 0.7, Index = 1, Lower = 0.6, Upper = 0.8, Actual = 0.75, PcaPredicted = 0.65 }],
        };
        var svg = FigureRenderer.Render(BeyondLeaderboardFigures.Downstream(r), "downstream").Svg;
        foreach (var s in new[] { "training models: Sloth skills", "training models: principal components", "target-70b: Sloth skills", "target-70b: principal components", "Actual TaskX" })
            Assert.Contains(s, svg);
    }

    [Fact]
    public void CoverageFigureShowsCurveAndEstimate()
    {
        var c = new CoverageCurve("model-x", [0.1], [new CoveragePoint(1, 0.1, 0.11), new CoveragePoint(10, 0.5, 0.49), new CoveragePoint(100, 0.9, null)]);
        var svg = FigureRenderer.Render(BeyondLeaderboardFigures.Coverage(c), "coverage").Svg;
        Assert.Contains("predicted coverage(k)", svg);
        Assert.Contains("pass@k estimate", svg);
        Assert.Contains("model-x", svg);
    }
}
