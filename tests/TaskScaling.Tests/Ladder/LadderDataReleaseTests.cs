using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>Memory on large ladders: preparing the pipelines run by run releases each run's file once its points
/// are taken (a data object used once), and the points are the same whether files are kept or released.</summary>
public sealed class LadderDataReleaseTests
{
    private static readonly LadderDescription Paper = ReferenceRun.Paper;

    private static (TaskPipeline[] Pipelines, int Held) Prepare(bool keep)
    {
        var data = new LadderData(Paper) { KeepRunFiles = keep };
        var tasks = LadderPredictor.ResolveTasks(Paper, null);
        var pipelines = TaskPipeline.CreateAll(data, tasks, Paper.LadderRuns.ToList(), LadderVariant.TwoStep, new LadderPredictionRequest().Settings());
        return (pipelines, data.FilesHeld);
    }

    [Fact]
    public void ASingleUseDataObjectHoldsNoRunFileAfterPreparation()
    {
        var (released, held) = Prepare(keep: false);
        Assert.Equal(0, held);
        var (kept, heldKept) = Prepare(keep: true);
        Assert.Equal(Paper.LadderRuns.Count(), heldKept);
        Assert.Equal(kept.Length, released.Length);
        for (int k = 0; k < kept.Length; k++)
        {
            Assert.Equal(kept[k].Step1Points, released[k].Step1Points);
            Assert.Equal(kept[k].Step2Points.SelectMany(p => p), released[k].Step2Points.SelectMany(p => p));
        }
    }
}
