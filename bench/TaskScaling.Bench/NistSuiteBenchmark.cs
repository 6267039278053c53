using BenchmarkDotNet.Attributes;
using TaskScaling.Data.Nist;
using TaskScaling.Numerics.Nist;

namespace TaskScaling.Bench;

/// <summary>The 54 NIST StRD runs (27 problems × 2 starts) together; target &lt; 0.5 s. The files are read once, outside the timing.</summary>
[MemoryDiagnoser]
public class NistSuiteBenchmark
{
    private IReadOnlyList<NistDataset> _problems = [];

    [GlobalSetup]
    public void Setup() => _problems = NistReader.LoadFolder(Path.Combine(BenchData.Root, "nist-strd"));

    [Benchmark]
    public int Nist54Runs() => NistSuite.Run(_problems).ParamLreAtLeast(6);
}
