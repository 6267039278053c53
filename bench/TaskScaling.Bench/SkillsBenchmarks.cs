using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Bench;

/// <summary>
/// One Sloth fit on the 79 complete-case models × 12 benchmarks (d = 3, log10 inputs, family intercepts, seed 42):
/// stage 1 (sigmoid link, the reference's Adam sweep in both precisions and L-BFGS) and stage 2 (monotone link, warm
/// started; the Adam sweep and the quasi-Newton alternatives).
/// Reference implementation (spec §10, torch, 2 cores): stage-1 sweep 11.1 s, stage-2 sweep 123 s.
/// Run: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*SkillsFitBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class SkillsFitBenchmarks
{
    private SkillDesign _design = null!;
    private SkillDataset _data = null!;
    private SkillFitResult _stage1 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = SkillDataset.Prepare(LeaderboardReader.ReadSloth(BenchData.Root), BenchmarkSets.Interpretation);
        _design = SkillDesign.Build(Covariates.Log10SizeLog10Tokens, InterceptKind.Family, _data, Enumerable.Range(0, _data.Count).ToArray());
        _stage1 = SkillFitter.FitSigmoid(_design, _data.Scores, _data.LowerBounds, 3, false);
    }

    [Benchmark(Description = "stage 1, Adam sweep (lr 0.1/0.01/0.001), single precision (the default)")]
    public double StageOneAdam() => SkillFitter.FitSigmoid(_design, _data.Scores, _data.LowerBounds, 3, false).TrainingMae;

    [Benchmark(Description = "stage 1, Adam sweep, double precision")]
    public double StageOneAdamDouble() => SkillFitter.FitSigmoid(_design, _data.Scores, _data.LowerBounds, 3, false,
        SkillFitOptions.Default with { AdamPrecision = SkillPrecision.Double }).TrainingMae;

    [Benchmark(Description = "stage 1, L-BFGS")]
    public double StageOneLbfgs() => SkillFitter.FitSigmoid(_design, _data.Scores, _data.LowerBounds, 3, false,
        SkillFitOptions.Default with { Optimizer = SkillOptimizer.Lbfgs }).TrainingMae;

    [Benchmark(Description = "stage 2, Adam sweep, single precision (the reference procedure; the default)")]
    public double StageTwoAdam() => SkillFitter.FitMonotone(_stage1, _data.Scores).TrainingMae;

    [Benchmark(Description = "stage 2, Adam sweep, double precision")]
    public double StageTwoAdamDouble() => SkillFitter.FitMonotone(_stage1, _data.Scores,
        SkillFitOptions.Default with { AdamPrecision = SkillPrecision.Double }).TrainingMae;

    [Benchmark(Description = "stage 2, 2,000 Adam epochs + projected L-BFGS")]
    public double StageTwoAdamThenProjectedLbfgs() => SkillFitter.FitMonotone(_stage1, _data.Scores,
        SkillFitOptions.Default with { MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs }).TrainingMae;

    [Benchmark(Description = "stage 2, 2,000 Adam epochs + L-BFGS with w = ω²")]
    public double StageTwoAdamThenSquaredLbfgs() => SkillFitter.FitMonotone(_stage1, _data.Scores,
        SkillFitOptions.Default with { MonotoneOptimizer = SkillOptimizer.AdamThenLbfgs }).TrainingMae;

    [Benchmark(Description = "stage 2, 2,000 Adam epochs + projected L-BFGS at β = 0.03 then 0.01 (10,000 each)")]
    public double StageTwoProjectedContinuation() => SkillFitter.FitMonotone(_stage1, _data.Scores,
        SkillFitOptions.Default with
        {
            MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs,
            SmoothingContinuation = [0.03],
            MonotoneLbfgs = new TaskScaling.Numerics.Training.LbfgsOptions { MaxIterations = 10_000, RelativeTolerance = 1e-12 },
        }).TrainingMae;

    [Benchmark(Description = "stage 2, L-BFGS only (w = ω²)")]
    public double StageTwoLbfgs() => SkillFitter.FitMonotone(_stage1, _data.Scores,
        SkillFitOptions.Default with { MonotoneOptimizer = SkillOptimizer.Lbfgs }).TrainingMae;
}

/// <summary>
/// The hot loop itself: one loss-and-gradient evaluation of the stage-2 objective (79 models × 12 benchmarks, d = 3,
/// 12 monotone networks) in each precision, and one Adam step over its 1,854 parameters.
/// Run: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*SkillObjectiveBenchmarks*'
/// </summary>
public class SkillObjectiveBenchmarks
{
    private SkillObjective _double = null!, _single = null!;
    private double[] _p = null!, _g = null!, _x = null!;
    private TaskScaling.Numerics.Training.Adam _adam = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = SkillDataset.Prepare(LeaderboardReader.ReadSloth(BenchData.Root), BenchmarkSets.All);
        var design = SkillDesign.Build(Covariates.Log10SizeLog10Tokens, InterceptKind.Family, data, Enumerable.Range(0, data.Count).ToArray());
        _double = new SkillObjective(design, data.Scores, 3, LinkKind.Monotone, SkillPrecision.Double);
        _single = new SkillObjective(design, data.Scores, 3, LinkKind.Monotone, SkillPrecision.Single);
        _p = SkillInitialValues.Draw(_double.Layout, design.SlopeColumns, data.LowerBounds, 42);
        _g = new double[_p.Length];
        _double.Evaluate(_p, _g);
        _x = (double[])_p.Clone();
        _adam = new TaskScaling.Numerics.Training.Adam(_p.Length, 1e-6,
            lowerBounds: Enumerable.Range(0, _p.Length).Select(i => _double.Layout.IsNetworkWeight(i) ? 0.0 : double.NegativeInfinity).ToArray());
    }

    [Benchmark(Baseline = true, Description = "loss + gradient, double (8 cells per register)")]
    public double EvaluateDouble() => _double.Evaluate(_p, _g);

    [Benchmark(Description = "loss + gradient, single (16 cells per register)")]
    public double EvaluateSingle() => _single.Evaluate(_p, _g);

    [Benchmark(Description = "Adam step with weight clamping")]
    public double AdamStep()
    {
        _adam.Step(_x, _g);
        return _x[0];
    }
}

/// <summary>
/// The full leave-family-out evaluation: 28 methods × 6 settings (73 test groups), all processors.
/// Run: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*SkillsEvaluationBenchmark*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class SkillsEvaluationBenchmark
{
    private LeaderboardTable _table = null!;

    [GlobalSetup]
    public void Setup() => _table = LeaderboardReader.ReadSloth(BenchData.Root);

    [Benchmark(Description = "28 methods × 6 settings")]
    public int FullEvaluation() => SkillsEvaluation.Run(_table).Settings.Count;
}
