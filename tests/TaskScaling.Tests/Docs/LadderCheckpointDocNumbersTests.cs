using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Docs.DocText;

namespace TaskScaling.Tests.Docs;

/// <summary>docs/ladders.md's backtest figures for step-1 checkpoints and the moving average, as the backtest gives them.</summary>
public sealed class LadderCheckpointDocNumbersTests
{
    private const string Page = "docs/ladders.md";
    private static readonly LadderPredictorKind[] Shown = [LadderPredictorKind.TwoStep, LadderPredictorKind.SingleStep, LadderPredictorKind.Auto];

    private static double[] Mae(int? checkpoints = null, int? movingAverage = null)
    {
        var r = LadderBacktest.Run(ReferenceRun.Paper, new LadderBacktestRequest { Predictors = Shown, Step1Checkpoints = checkpoints, MovingAverage = movingAverage });
        return Shown.Select(k => 100 * r.Summary.Single(s => s.Task == "all" && s.Predictor == k).MeanAbsoluteError!.Value).ToArray();
    }

    private static void Triple(System.Text.RegularExpressions.Match m, int first, double[] mae, string what)
    {
        for (int i = 0; i < 3; i++) Stated(Page, m.Groups[first + i], mae[i], $"{what}: {LadderNames.Of(Shown[i])} backtest MAE");
    }

    [Fact]
    public void CheckpointsAndMovingAverageBacktestAsStated()
    {
        const string n = @"(\d+\.\d+)";
        var m = Claim(Page, $@"two-step / single-step / auto is {n} / {n} / {n} with 1 checkpoint per run, {n} / {n} / {n} with 2 and {n} / {n} / {n} with 3");
        var one = Mae(1);
        Triple(m, 1, one, "1 checkpoint");
        Triple(m, 4, Mae(2), "2 checkpoints");
        Triple(m, 7, Mae(3), "3 checkpoints");
        m = Claim(Page, $@"with the moving average over 1, 5 and 10 checkpoints it is {n} / {n} / {n}, {n} / {n} / {n} and {n} / {n} / {n}");
        Triple(m, 1, Mae(movingAverage: 1), "moving average 1");
        Triple(m, 4, one, "moving average 5 (the default)");
        Triple(m, 7, Mae(movingAverage: 10), "moving average 10");
    }
}
