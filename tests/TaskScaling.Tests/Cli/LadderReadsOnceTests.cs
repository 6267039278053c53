using System.Collections.Concurrent;
using TaskScaling.Data.Runs;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>The commands that draw figures read each run file once: the figures take the points the prediction
/// prepared instead of preparing them again.</summary>
[Collection("Console")]
public sealed class LadderReadsOnceTests : IDisposable
{
    // Reads are counted only inside Count's scope (the scope flows into the library's parallel work), so tests
    // running at the same time in other classes do not add to the counts.
    private static readonly AsyncLocal<ConcurrentDictionary<string, int>?> Scope = new();

    static LadderReadsOnceTests() =>
        RunHistory.Loading += path => Scope.Value?.AddOrUpdate(Path.GetFullPath(path), 1, (_, n) => n + 1);

    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-reads").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Err, IReadOnlyDictionary<string, int> Reads) Count(params string[] args)
    {
        var reads = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Scope.Value = reads;
        try
        {
            var (code, err) = Run(args);
            return (code, err, reads);
        }
        finally { Scope.Value = null; }
    }

    /// <summary>The ladder runs' files and the target's: what a prediction for the target reads.</summary>
    private static string[] PredictionFiles(string target)
    {
        var d = ReferenceRun.Paper;
        return d.LadderRuns.Append(d.Target(target)).Select(r => Path.GetFullPath(d.ResolvePath(r.File))).ToArray();
    }

    [Fact]
    public void PredictWithPlotReadsEveryRunFileOnce()
    {
        var (code, err, reads) = Count("ladder", "predict", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu,piqa",
            "--plot", Path.Combine(_dir, "plots"), "--out", Path.Combine(_dir, "p.txt"));
        Assert.True(code == 0, err);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dir, "plots"), "*-chained.png"));
        Assert.Equal(PredictionFiles("13B-5T").Order(StringComparer.Ordinal), reads.Keys.Order(StringComparer.Ordinal));
        Assert.All(reads, kv => Assert.True(kv.Value == 1, $"{kv.Key} read {kv.Value} times"));
    }

    [Fact]
    public void ReportReadsEveryRunFileOnce()
    {
        var (code, err, reads) = Count("ladder", "report", "--data", _data, "--target", "13B-5T", "--tasks", "mmlu",
            "--out", Path.Combine(_dir, "report"));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(_dir, "report", "variance-cv.png")));
        Assert.True(File.Exists(Path.Combine(_dir, "report", "compute-error-by-task.png")));
        Assert.Superset(PredictionFiles("13B-5T").ToHashSet(), reads.Keys.ToHashSet());
        Assert.All(reads, kv => Assert.True(kv.Value == 1, $"{kv.Key} read {kv.Value} times"));
    }
}
