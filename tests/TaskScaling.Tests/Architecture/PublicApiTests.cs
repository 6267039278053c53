using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace TaskScaling.Tests.Architecture;

/// <summary>
/// The public API of each library assembly, snapshotted in PublicApi/*.txt so that every change to it shows in
/// review. After a deliberate change: <c>TASKSCALING_WRITE_API=1 dotnet test --filter PublicApiTests</c>, then
/// read the diff of the .txt files before committing them.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly[] Libraries =
    [
        typeof(global::TaskScaling.Numerics.LeastSquares.CurveFit).Assembly,
        typeof(global::TaskScaling.Data.CsvTable).Assembly,
        typeof(global::TaskScaling.Ladder.LadderData).Assembly,
        typeof(global::TaskScaling.Reports.ReportFolder).Assembly,
    ];

    public static TheoryData<string> Assemblies() => new(Libraries.Select(a => a.GetName().Name!));

    private static string Snapshot(string assembly, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "PublicApi", assembly + ".txt");

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_api_matches_the_committed_snapshot(string name)
    {
        var assembly = Libraries.Single(a => a.GetName().Name == name);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"] })
            .ReplaceLineEndings("\n");
        var path = Snapshot(name);
        if (Environment.GetEnvironmentVariable("TASKSCALING_WRITE_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, api);
        }
        Assert.True(File.Exists(path), $"no snapshot {path}: run TASKSCALING_WRITE_API=1 dotnet test --filter PublicApiTests");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != api)
        {
            var (e, a) = (expected.Split('\n'), api.Split('\n'));
            int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"the public API of {name} changed at line {line + 1}:\n  snapshot: {(line < e.Length ? e[line] : "<end>")}\n  now:      {(line < a.Length ? a[line] : "<end>")}\n" +
                "if deliberate: TASKSCALING_WRITE_API=1 dotnet test --filter PublicApiTests, and review the diff");
        }
    }

    [Fact]
    public void No_two_public_types_share_a_simple_name()
    {
        // A user importing two of our namespaces must never meet an ambiguous name (PredictionRequest twice, say).
        var clashes = Libraries.SelectMany(a => a.GetExportedTypes()).Where(t => !t.IsNested)
            .GroupBy(t => t.Name).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Namespace))}").ToList();
        Assert.True(clashes.Count == 0, $"public types sharing a name: {string.Join("; ", clashes)}");
    }
}
