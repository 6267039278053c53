using System.Runtime.CompilerServices;
using TaskScaling.Ladder;
using TaskScaling.Data.SavedFits;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// A fit saved by an earlier build loads in this one and predicts what a fresh fit of the same data predicts.
/// The fixtures under Data/Ladder/Fixtures hold fitted numbers only (no data) and were written by
/// <code>
/// taskscaling ladder predict --target 13B-5T --tasks mmlu,arc_easy --interval bootstrap --resamples 20 --save-fit paper-two-step-bootstrap.fit.json
/// taskscaling ladder predict --variant flops --tasks piqa --save-fit paper-flops-delta.fit.json
/// taskscaling ladder predict --variant single-step --tasks hellaswag --save-fit paper-single-step-delta.fit.json
/// </code>
/// Never regenerate them to make this test pass: a failure means old fit files no longer load, or the method's
/// numbers changed (then say so, bump nothing silently).
/// </summary>
public sealed class LadderFitFixtureTests
{
    private static string Fixture(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Data", "Ladder", "Fixtures", name);

    public static TheoryData<string> Fixtures() =>
        new() { "paper-two-step-bootstrap.fit.json", "paper-flops-delta.fit.json", "paper-single-step-delta.fit.json" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_fit_loads_and_predicts_what_a_fresh_fit_of_the_same_data_predicts(string name)
    {
        var saved = LadderFitFile.Read(Fixture(name));
        Assert.Equal(1, saved.Version);
        var fit = saved.Payload;
        // The fixture was fitted on these very files.
        var paper = ReferenceRun.Paper;
        foreach (var input in saved.Inputs)
            Assert.Equal(input.Sha256, InputChecksum.Of(paper.ResolvePath(input.Path)).Sha256);
        Assert.Equal(paper.LadderRuns.Select(r => r.Name), fit.LadderRuns);

        var request = fit.Request with { Tasks = fit.Tasks.Select(t => t.Task).ToArray(), Targets = fit.Targets.Select(t => t.Name).ToArray() };
        var fresh = LadderPredictor.Predict(paper, request);
        int compared = LadderFitAssert.Equal(fresh, fit.Predict(request), 1e-12);
        Assert.True(compared >= 10 * fit.Targets.Count * fit.Tasks.Count, $"only {compared} numbers compared");

        // A new target, with delta intervals (every fixture keeps its covariance).
        var hypothetical = request with { Targets = null, Parameters = 30e9, Tokens = 8e12, FlopsPerToken = 2e11, Interval = IntervalMethod.Delta };
        LadderFitAssert.Equal(LadderPredictor.Predict(paper, hypothetical), fit.Predict(hypothetical), 1e-12);
    }
}
