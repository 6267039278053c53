using TaskScaling.Ladder;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Docs.DocText;

namespace TaskScaling.Tests.Docs;

/// <summary>The numbers the ladder pages state, as the code gives them.</summary>
public sealed class LadderDocNumbersTests
{
    [Fact]
    public void TheShippedLadderHasTheStatedRunsAndTargets()
    {
        var m = Claim("docs/formats.md", @"W&B history CSVs of the (\d+) ladder runs and the OLMo (\d+)B/(\d+)B targets");
        Stated("docs/formats.md", m.Groups[1], ReferenceRun.Paper.LadderRuns.Count(), "the number of ladder runs");
        Assert.Equal([$"{m.Groups[2].Value}B-4T", $"{m.Groups[3].Value}B-5T"], ReferenceRun.Paper.Targets.Select(t => t.Name).Order().Reverse());
    }

    [Fact]
    public void StepOneIsTheStatedLogSpaceHuber()
    {
        var m = Claim("docs/ladders.md", @"on the ladder's final checkpoints \(log-space Huber, δ = ([\d.e-]+)\)");
        var options = LadderForms.Step1.Options;
        Assert.Equal(TaskScaling.Numerics.LeastSquares.LossKind.Huber, options.Loss);
        Assert.True(options.LogSpace);
        Assert.Equal(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), options.HuberDelta);
    }

    [Fact]
    public void TheDefaultTasksAreTheStatedEight()
    {
        var m = Claim("docs/ladders.md", @"default: the (\w+) of the paper: ([a-z_ ]+)\)");
        var tasks = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Word(m.Groups[1]), tasks.Length);
        Assert.Equal(tasks, ReferenceRun.Paper.DefaultTasks);
    }

    [Fact]
    public void TheStatedSettingsAreTheDefaults()
    {
        const string f = "docs/ladders.md";
        var m = Claim(f, @"\((\d+)% skipped, moving average (\d+), plus the point \(0, 1\)\)");
        var bpb = LadderSettings.For(LadderFeature.Bpb);
        Stated(f, m.Groups[1], bpb.Step2Skip * 100, "the step-2 skip (%)");
        Stated(f, m.Groups[2], bpb.Step2Window, "the moving-average window");
        Assert.True(bpb.Step2ExtraPoint);
        var ce = LadderSettings.For(LadderFeature.Ce);
        m = Claim(f, @"`ce` \(task cross-entropy: window (\d+), skip (\d+)%, log-sigmoid step 2\)");
        Stated(f, m.Groups[1], ce.Step1Window, "the ce step-1 window");
        Stated(f, m.Groups[1], ce.Step2Window, "the ce step-2 window");
        Stated(f, m.Groups[2], ce.Step2Skip * 100, "the ce skip (%)");
        Assert.Equal(Step2Shape.LogSigmoid, ce.Step2Shape);
        m = Claim(f, @"`--interval calibrated\\\|delta\\\|bootstrap\\\|none`, `--level ([\d.]+)`, `--resamples (\d+)`, `--seed (\d+)`");
        var request = new LadderPredictionRequest();
        Assert.Equal(IntervalMethod.Delta, request.Interval);
        Stated(f, m.Groups[1], request.Level, "the default level");
        Stated(f, m.Groups[2], request.Resamples, "the default resamples");
        Stated(f, m.Groups[3], request.Seed, "the default seed");
    }

    [Fact]
    public void TheJsonExampleShowsThe13BMmluPrediction()
    {
        var m = Claim("docs/ladders.md", @"\{""target"":""([\w-]+)"",""params"":…,""tokens"":…,""tasks"":\[\{""task"":""(\w+)"",""predicted"":([\d.]+),""actual"":([\d.]+),");
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest { Targets = [m.Groups[1].Value], Tasks = [m.Groups[2].Value] });
        var t = Assert.Single(Assert.Single(p.Targets).Tasks);
        Stated("docs/ladders.md", m.Groups[3], t.Predicted!.Value, "the predicted accuracy");
        Stated("docs/ladders.md", m.Groups[4], t.Actual!.Value, "the actual accuracy");
    }

    [Fact]
    public void TheVarianceDefaultsAreTheStatedRunAndTarget()
    {
        var m = Claim("docs/ladders.md", @"task noise over the last (\d+) checkpoints of ([\w.-]+), beside ([\w-]+) errors");
        var r = VarianceAnalysis.Run(ReferenceRun.Paper, new VarianceRequest { Tasks = ["mmlu"] });
        Stated("docs/ladders.md", m.Groups[1], r.Checkpoints, "the checkpoints of the variance analysis");
        Assert.Equal(m.Groups[2].Value, r.Run);
        Assert.Equal(m.Groups[3].Value, r.Target);
    }

    [Fact]
    public void TheLmEvalConversionWritesTheStatedNumberOfFiles()
    {
        var m = Claim("docs/ladders.md", @"this layout \(([\d,]+) JSON files\)");
        using var fixture = new LmEvalLadderFixture();
        Stated("docs/ladders.md", m.Groups[1], Directory.EnumerateFiles(fixture.Root, "*.json", SearchOption.AllDirectories).Count(),
            "the number of lm-eval files of the converted ladder");
    }
}
