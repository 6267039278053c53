using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// Ladder runs that cannot identify step 1 are refused before any fit, with the reason; a fit constrained by a bound
/// of its form, or a zero-width interval, is a warning on the prediction.
/// </summary>
public sealed class Step1IdentifiabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-ident").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static LadderPredictionRequest Request(LadderVariant variant = LadderVariant.TwoStep) => new() { Variant = variant };

    [Fact]
    public void AllLadderRunsWithTheSameNAreRefused()
    {
        // Before: "ok" with a confident interval. The runs' data are four real sizes; the description says one N.
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5, sizeOf: _ => 3e8));
        var e = Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(d, Request()));
        Assert.Contains("ladder.json: the ladder runs cannot identify step 1", e.Message);
        Assert.Contains("all 16 ladder runs have the same N = 300000000, so its exponent α is not identified", e.Message);
        foreach (var v in new[] { LadderVariant.SingleStep, LadderVariant.DirectAccuracy })
            Assert.Contains("same N", Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(d, Request(v))).Message);
        // The flops variant fits compute C = D·F, which still takes 16 values: not refused.
        var flops = LadderPredictor.Predict(d, Request(LadderVariant.Flops));
        Assert.Equal(PredictionStatus.Ok, flops.Targets[0].Tasks[0].Status);
    }

    [Fact]
    public void TwoDistinctSizesAreRefusedThreeAreNot()
    {
        // A/N^α + c is again a power law at two sizes: (A, α, E) slide along a line of equally good fits.
        var two = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5, sizeOf: n => n < 5e8 ? 1.5e8 : 1.2e9));
        var e = Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(two, Request()));
        Assert.Contains("only 2 distinct N (150000000, 1200000000), too few to identify its exponent α", e.Message);

        var three = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5, sizeOf: n => n < 5e8 ? 1.5e8 : n));
        Assert.Equal(PredictionStatus.Ok, LadderPredictor.Predict(three, Request()).Targets[0].Tasks[0].Status);
    }

    [Fact]
    public void OneMultipleOnlyIsRefusedForD()
    {
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5));
        var oneK = d with { Runs = d.Runs.Where(r => r.Role == RunRole.Target || r.ChinchillaMultiple == 5).ToArray() };
        // Four runs, four distinct D (D = 20·5·N): fewer points than parameters, and D has 4 values.
        var e = Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(oneK, Request()));
        Assert.Contains("5 parameters but only 4 points", e.Message);
        // Same D for every run: D is not identified.
        var sameD = d with
        {
            Runs = d.Runs.Select(r => r.Role == RunRole.Target ? r
                : r with { Tokens = new TaskScaling.Data.Runs.TokenSpec { Source = TaskScaling.Data.Runs.TokenSource.Fixed, Value = 4e10 } }).ToArray(),
        };
        var e2 = Assert.Throws<InvalidRequestException>(() => LadderPredictor.Predict(sameD, Request()));
        Assert.Contains("all 16 ladder runs have the same D = 40000000000 (as read for task task), so its exponent β is not identified", e2.Message);
    }

    [Fact]
    public void AParameterAtABoundIsAWarning()
    {
        // The data's loss has E = −0.1; step 1 bounds E ≥ 0, so the fit ends on that bound.
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: -0.1));
        var p = LadderPredictor.Predict(d, Request()).Targets[0].Tasks[0];
        Assert.Equal(PredictionStatus.Ok, p.Status);
        Assert.Contains(p.Warnings ?? [], w => w.StartsWith("step 1: E = 0 is at its lower bound", StringComparison.Ordinal));

        // With E = 0.5 inside its bounds, no warning on step 1.
        var free = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5));
        var q = LadderPredictor.Predict(free, Request()).Targets[0].Tasks[0];
        Assert.DoesNotContain(q.Warnings ?? [], w => w.StartsWith("step 1", StringComparison.Ordinal));
    }

    [Fact]
    public void AZeroWidthIntervalIsAWarning()
    {
        var d = LadderDescriptionFile.Read(SyntheticLadder.Write(_dir, e: 0.5));
        var fit = LadderPredictor.Predict(d, Request()).Fit!.Tasks[0];
        var clipped = new TaskPrediction { Task = "task", Predicted = 1, Lower = 1, Upper = 1, LossLower = 0.2, LossUpper = 0.3 };
        var w = FitWarnings.Add(clipped, LadderVariant.TwoStep, fit, null, 0.9).Warnings ?? [];
        Assert.Contains("the 90% interval of the predicted accuracy has zero width ([1, 1])", w);
        Assert.DoesNotContain(w, x => x.Contains("predicted loss", StringComparison.Ordinal));

        // Noise-free data: step 1 fits exactly, its residuals vanish and so does the delta interval of the loss.
        var exact = LadderPredictor.Predict(d, Request()).Targets[0].Tasks[0];
        Assert.Contains(exact.Warnings ?? [], x => x.StartsWith("the 90% interval of the predicted loss has zero width", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePaperLadderWarnsOnlyForCsqa()
    {
        // The shipped fits: CSQA's step 1 ends at E = 0 (a true warning); the step-2 ceilings b = 1 are accuracy's own
        // range, not warned.
        var p = LadderPredictor.Predict(ReferenceRun.Paper, new LadderPredictionRequest());
        foreach (var t in p.Targets)
            Assert.Equal(["csqa"], t.Tasks.Where(k => k.Warnings is not null).Select(k => k.Task));
        Assert.Equal("step 1: E = 0 is at its lower bound (the fit is constrained there)",
            Assert.Single(p.Targets[0].Tasks.Single(k => k.Task == "csqa").Warnings!));
    }
}
