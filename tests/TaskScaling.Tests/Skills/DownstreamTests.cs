using TaskScaling.Cli;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills.Downstream;

namespace TaskScaling.Tests.Skills;

/// <summary>Spec §8.1: downstream tasks (HumanEval, EQ-Bench) from the latent skills.</summary>
public sealed class DownstreamTests
{
    internal static readonly Lazy<LeaderboardTable> Table = new(() => LeaderboardReader.Read(
        Path.Combine(DataLocation.Resolve(), DataFolder.SlothTable), LeaderboardColumns.Default with { Benchmarks = [.. OpenLlmLeaderboard.All, "HumanEval"] }));

    private static readonly string[] Pair = ["meta-llama-3-70b", "meta-llama-3-70b-instruct"];

    /// <summary>
    /// Spec §8.1: 77 Sloth training models, 40 with HumanEval; the layer's loading w starts at 1 and ends at 1.237 in the reference.
    /// w is not identified (only w·β and w·a + b enter the prediction), so where it ends depends on the whole trajectory: with the
    /// released code's rotation cap (500) our w is 1.220; the converged rotation gives skills of equal fit but w = 0.93. The tolerance
    /// 0.05 (4 % of w) absorbs the remaining difference of the Sloth fits (training MAE 0.02426 here, the reference's trajectory
    /// differs in the 4th digit) and still tells the reference's skills from the converged ones.
    /// </summary>
    [Fact]
    public void HumanEvalLoadingEndsNearTheReferenceWithTheReleasedRotation()
    {
        var r = DownstreamPrediction.Predict(Table.Value, new DownstreamRequest { Benchmark = "HumanEval", Targets = Pair, Resamples = 40, RotationMaxIterations = 500 });
        Assert.Equal(77, r.SlothTrainingModels);
        Assert.Equal(40, r.Sloth.Training.Count);
        Assert.Equal(40, r.Pca.Training.Count);
        Assert.InRange(r.Sloth.Layer.Loading, 1.237 - 0.05, 1.237 + 0.05);
        foreach (var t in r.Targets)
        {
            Assert.NotNull(t.Actual);
            Assert.InRange(t.Predicted, t.Lower!.Value, t.Upper!.Value);
            Assert.NotNull(t.PcaPredicted);
        }
        // The instruct model's skills put it far above the base model (0.75 vs 0.38; actual 0.77 vs 0.52).
        Assert.True(r.Targets[1].Predicted > r.Targets[0].Predicted + 0.2);
    }

    /// <summary>
    /// EQ-Bench (the shipped 15 scores): yi-34b-chat lacks complete data, so 13 training models. The reference notebook predicted the
    /// instruct model from the base model's skills, 0.874: the base model's prediction here is within 0.01 of it (the same fit up to the
    /// optimiser's trajectory), and the instruct model's own skills give another value (the reference's 0.901).
    /// </summary>
    [Fact]
    public void EqBenchFromThirteenChatModels()
    {
        var r = DownstreamPrediction.Predict(Table.Value, new DownstreamRequest { Scores = EqBench.Scores, Task = "EQ-Bench", Targets = Pair, Resamples = 0, RotationMaxIterations = 500 });
        Assert.Equal(13, r.Sloth.Training.Count);
        Assert.Contains(r.Skipped, s => s.Model == "yi-34b-chat");
        Assert.InRange(r.Targets[0].Predicted, 0.874 - 0.01, 0.874 + 0.01);
        Assert.Null(r.Targets[0].Actual);
        Assert.Equal(0.8213, r.Targets[1].Actual);
        Assert.InRange(r.Targets[1].Predicted, 0.901 - 0.01, 0.901 + 0.01);
    }

    [Fact]
    public void FewerThanTwoTrainingModelsIsAnError()
    {
        var scores = new[] { new TaskScaling.Data.Samples.ModelScore("meta-llama-3-8b-instruct", 0.5, 2), new TaskScaling.Data.Samples.ModelScore("yi-34b-chat", 0.6, 3) };
        var e = Assert.Throws<InvalidRequestException>(() => DownstreamPrediction.Predict(Table.Value, new DownstreamRequest { Scores = scores, Targets = ["meta-llama-3-70b-instruct"], Resamples = 0 }));
        Assert.Contains("at least two", e.Message);
    }
}
