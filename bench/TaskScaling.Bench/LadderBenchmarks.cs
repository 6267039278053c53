using BenchmarkDotNet.Attributes;
using TaskScaling.Data;
using TaskScaling.Data.Ladder;
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

    [GlobalSetup]
    public void Setup()
    {
        var description = PaperLadder.Create(DataLocation.Resolve());
        var data = new LadderData(description);
        _pipeline = TaskPipeline.Create(data, description.Task("mmlu"), description.LadderRuns.ToList(), LadderVariant.TwoStep,
            LadderSettings.For(LadderFeature.Bpb));
        _runs = _pipeline.AllRuns;
        _warm = _pipeline.Fit(_runs, covariance: false);
    }

    [Benchmark(Description = "MMLU step 1 + step 2, paper starts, with covariance")]
    public TaskFit FitWithCovariance() => _pipeline.Fit(_runs);

    [Benchmark(Description = "MMLU step 1 + step 2, paper starts, no covariance")]
    public TaskFit FitNoCovariance() => _pipeline.Fit(_runs, covariance: false);

    [Benchmark(Description = "MMLU step 1 + step 2, warm start (a bootstrap refit)")]
    public TaskFit FitWarm() => _pipeline.Fit(_runs, _warm, covariance: false);
}
