using TaskScaling.Ladder;
using TaskScaling.Data.SavedFits;

namespace TaskScaling.Tests.Ladder;

/// <summary>A saved fit of a ladder read from lm-eval results files: every results file is checksummed, and the fit reproduces.</summary>
public sealed class LadderSavedFitLmEvalTests(LmEvalLadderFixture ladder) : IClassFixture<LmEvalLadderFixture>
{
    [Fact]
    public void Fit_of_an_lm_eval_ladder_checksums_every_results_file_and_reproduces_the_prediction()
    {
        var request = new LadderPredictionRequest { Tasks = ["piqa"], Targets = ["13B-5T"] };
        var p = LadderPredictor.Predict(ladder.LmEval, request);
        var inputs = LadderFitFile.Inputs(p.Fit!, ladder.LmEval);
        // One checksum per results file of the ladder runs and the target (folders and globs alike), paths relative to the description.
        var expected = ladder.LmEval.LadderRuns.Select(r => r.Name).Append("13B-5T")
            .Sum(name => Directory.GetFiles(Path.Combine(ladder.Root, name), "*.json", SearchOption.AllDirectories).Length);
        Assert.Equal(expected, inputs.Count);
        Assert.True(inputs.Count > 100, $"{inputs.Count} files");
        Assert.All(inputs, i => Assert.False(Path.IsPathRooted(i.Path), i.Path));
        Assert.All(inputs.Take(5), i => Assert.Equal(InputChecksum.Of(Path.Combine(ladder.Root, i.Path)).Sha256, i.Sha256));
        Assert.Equal(inputs.Count, inputs.Select(i => i.Path).Distinct().Count());

        var fit = LadderFitFile.Parse(LadderFitFile.ToJson(p.Fit!, inputs), "lm-eval-fit.json").Payload;
        LadderFitAssert.Identical(p, fit.Predict(fit.Request));
    }
}
