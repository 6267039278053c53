using BenchmarkDotNet.Attributes;
using TaskScaling.Ladder;

namespace TaskScaling.Bench;

/// <summary>
/// Step 1 + step 2 of the ladder method for one task (MMLU, the paper ladder: 16 step-1 points, 1,402
/// step-2 points), as a bootstrap resample refits them (no covariance) and as the point estimate does
/// (with covariance for the delta method). Data are read once in setup.
/// Run: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*Ladder*'
/// </summary>
[MemoryDiagnoser]
public class LadderBenchmarks
{
    private TaskPipeline _pipeline = null!;
    private int[] _runs = [];
    private TaskFit _warm = null!;
    private int[] _resample = [];

    [GlobalSetup]
    public void Setup()
    {
        var description = PaperLadder.Create(BenchData.Root);
        var data = new LadderData(description);
        _pipeline = TaskPipeline.Create(data, description.Task("mmlu"), description.LadderRuns.ToList(), LadderVariant.TwoStep,
            LadderSettings.For(LadderFeature.Bpb));
        _runs = _pipeline.AllRuns;
        _warm = _pipeline.Fit(_runs, covariance: false);
        _resample = TaskScaling.Numerics.Uncertainty.Bootstrap.Resample(_runs.Length, 42, 3);
    }

    [Benchmark(Description = "MMLU step 1 + step 2, paper starts, with covariance")]
    public TaskFit FitWithCovariance() => _pipeline.Fit(_runs);

    [Benchmark(Description = "MMLU step 1 + step 2, paper starts, no covariance")]
    public TaskFit FitNoCovariance() => _pipeline.Fit(_runs, covariance: false);

    [Benchmark(Description = "MMLU step 1 + step 2 on a bootstrap resample of runs (refit from the full-data optimum)")]
    public TaskFit FitResample() => _pipeline.Fit(_resample, _warm, covariance: false, refit: true);

    [Benchmark(Description = "  of which step 1 (log-space Huber, 16 points)")]
    public FittedForm Step1Resample() => _pipeline.Step1Setup.Fit(_pipeline.Step1Observations(_resample), _warm.Step1.Fit.Parameters,
        covariance: false, TaskPipeline.RefitStep1Options(_pipeline.Step1Setup));

    [Benchmark(Description = "  of which step 2 (least squares, runs weighted by multiplicity)")]
    public FittedForm Step2Resample()
    {
        var (obs, weights) = _pipeline.Step2WeightedObservations(_resample);
        return _pipeline.Step2Setup!.Fit(obs, _warm.Step2!.Fit.Parameters, covariance: false,
            TaskPipeline.RefitStep2Options(_pipeline.Step2Setup) with { Weights = weights });
    }
}
