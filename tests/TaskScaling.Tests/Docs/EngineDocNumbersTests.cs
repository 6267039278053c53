using System.Text.Json;
using TaskScaling.Cli;
using TaskScaling.Data.Internals;
using TaskScaling.Data.Nist;
using TaskScaling.Numerics.LeastSquares;
using TaskScaling.Numerics.Nist;
using TaskScaling.Tests.Numerics;
using static TaskScaling.Tests.Docs.DocText;

namespace TaskScaling.Tests.Docs;

/// <summary>The numbers of the engine, formats and library pages: the NIST check, MathNet's, defaults, counts.</summary>
public sealed class EngineDocNumbersTests
{
    private const string Engine = "docs/engine.md";
    private static readonly Lazy<IReadOnlyList<NistDataset>> Problems =
        new(() => NistReader.LoadFolder(Path.Combine(DataLocation.Resolve(), "nist-strd")));

    [Fact]
    public void TheInputSizeLimitIsAsStated()
    {
        var m = Claim("docs/formats.md", @"the limit is 1 GiB \((\d+) bytes\), or the whole number of bytes in\s+the environment variable `(\w+)`");
        Stated("docs/formats.md", m.Groups[1], InputFile.DefaultMaxBytes, "the default input size limit");
        Assert.Equal(InputFile.MaxBytesVariable, m.Groups[2].Value);
    }

    [Fact]
    public void TheNistSummaryIsAsStated()
    {
        var result = NistSuite.Run(Problems.Value);
        Stated("docs/formats.md", Claim("docs/formats.md", @"the (\d+) NIST StRD nonlinear-regression problems").Groups[1], Problems.Value.Count, "the NIST problems");
        Stated(Engine, Claim(Engine, @"checked on the (\d+) NIST StRD nonlinear-regression problems from both starting values").Groups[1],
            Problems.Value.Count, "the NIST problems");
        var m = Claim(Engine, @"parameter LRE ≥ 6 on (\d+) of (\d+) runs \(worst ([\d.]+), (\w+) from start (\d)\); standard-deviation LRE ≥ 3 on all (\d+)\*\* \(lowest: (\w+), ([\d.]+),");
        Stated(Engine, m.Groups[1], result.ParamLreAtLeast(6), "the runs with parameter LRE ≥ 6");
        Stated(Engine, m.Groups[2], result.Count, "the NIST runs");
        var worst = result.Runs.MinBy(r => r.ParamLre)!;
        Stated(Engine, m.Groups[3], worst.ParamLre, "the worst parameter LRE");
        Assert.Equal(m.Groups[4].Value, worst.Problem);
        Stated(Engine, m.Groups[5], worst.Start, "the start of the worst run");
        Stated(Engine, m.Groups[6], result.Runs.Count(r => r.StdErrLre >= 3), "the runs with standard-deviation LRE ≥ 3");
        var lowest = result.Runs.MinBy(r => r.StdErrLre)!;
        Assert.Equal(m.Groups[7].Value, lowest.Problem);
        Stated(Engine, m.Groups[8], lowest.StdErrLre, "the lowest standard-deviation LRE");
    }

    [Fact]
    public void MathNetFailsWhereStated()
    {
        var m = Claim(Engine, @"reaches LRE ≥ 6 on (\d+) of (\d+) \(([\w, ]+) fail\)");
        var failing = new List<string>();
        int runs = 0;
        foreach (var ds in Problems.Value)
            for (int start = 1; start <= 2; start++, runs++)
                if (NistMathNetComparisonTests.MathNetLre(ds, start, out _) < 6) failing.Add(ds.Name);
        Stated(Engine, m.Groups[1], runs - failing.Count, "MathNet's runs with LRE ≥ 6");
        Stated(Engine, m.Groups[2], runs, "the NIST runs");
        Assert.Equal(m.Groups[3].Value.Replace(" and ", ", ").Split(", ").Order(), failing.Distinct().Order());
    }

    [Fact]
    public void ThePolishStepsDefaultIsAsStated()
    {
        var m = Claim(Engine, @"`FitOptions.PolishSteps` \(default (\d+):");
        Stated(Engine, m.Groups[1], new FitOptions().PolishSteps, "the default polish steps");
    }

    [Fact]
    public void TheOldLmEvalLayoutHasTheStatedMmluSubjects()
    {
        var m = Claim("docs/formats.md", @"In the older layout the (\d+) `hendrycksTest-\*` subjects are averaged");
        var file = Path.Combine(DataLocation.Resolve(), "formats", "lm-eval-v0.3", "pythia-160m_step143000_zeroshot.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Stated("docs/formats.md", m.Groups[1],
            json.RootElement.GetProperty("results").EnumerateObject().Count(p => p.Name.StartsWith("hendrycksTest-", StringComparison.Ordinal)),
            "the hendrycksTest subjects");
    }

    [Fact]
    public void TheLibraryHasTheStatedFiveAssemblies()
    {
        var m = Claim("docs/library.md", @"## (\w+) assemblies, arrows one way ``` ([\w. ()/,→]+) ```");
        var stated = m.Groups[2].Value.Split('→').Select(s => s.Trim().Split(' ')[0]).ToArray();
        var projects = Directory.EnumerateFiles(Path.Combine(DocFiles.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Equal(Word(m.Groups[1]), projects.Length);
        Assert.Equal(stated.Order(), projects.Order());
    }
}
