using TaskScaling.Data.Nist;
using TaskScaling.Numerics.Nist;
using Xunit.Abstractions;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Numerics;

public class NistSuiteTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(DataLocation.Resolve(), "nist-strd");

    [Fact]
    public void TheWholeSuiteMeetsTheAcceptanceThresholds()
    {
        var result = NistSuite.Run(NistReader.LoadFolder(Folder));
        foreach (var r in result.Runs)
            output.WriteLine($"{r.Problem,-10} {r.Start} {r.ParamLre,5:0.0} {r.ResidualSdLre,5:0.0} {r.StdErrLre,5:0.0} {r.Iterations,5} {r.Status} {r.Message}");
        output.WriteLine(result.Summary);
        Assert.Equal(54, result.Count);
        Assert.True(result.ParamLreAtLeast(6) >= 52, result.Summary);
        Assert.Equal(54, result.ParamLreAtLeast(4));
        Assert.Equal(result.ParamsReachSix, result.StdErrOkWhereParamsReachSix);
        Assert.True(result.MeetsAcceptance);
    }
}
