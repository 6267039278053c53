using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace TaskScaling.Tests.Architecture;

/// <summary>
/// The layering the compiler keeps: Numerics ← Data ← TaskScaling (the methods) ← Reports ← Cli. A project may
/// reference only projects of lower layers (so a cycle cannot compile), and the compiled assemblies are checked
/// for the type references each layer must not make: the core knows no files or console, readers know no method,
/// methods know no console or graphics, reports fit nothing and read no run file.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>The library layers, lowest first; what each may use besides the BCL.</summary>
    private static readonly (string Project, string[] Packages)[] Layers =
    [
        ("TaskScaling.Numerics", ["MathNet.Numerics"]),
        ("TaskScaling.Data", []),
        ("TaskScaling", []),
        ("TaskScaling.Reports", ["ScottPlot"]),
        ("TaskScaling.Cli", ["System.CommandLine", "Spectre.Console"]),
    ];

    private static string SrcFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src"));

    public static TheoryData<string> Projects() => new(Layers.Select(l => l.Project));

    [Fact]
    public void Every_source_project_is_a_known_layer()
    {
        var found = Directory.GetDirectories(SrcFolder()).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Layers.Select(l => l.Project).Order(StringComparer.Ordinal), found);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_lower_layers_and_its_own_packages(string project)
    {
        int layer = Array.FindIndex(Layers, l => l.Project == project);
        var (references, packages) = ReferencesOf(project);
        foreach (var reference in references)
        {
            int target = Array.FindIndex(Layers, l => l.Project == reference);
            Assert.True(target >= 0 && target < layer,
                $"{project} references {reference}: only {string.Join(", ", Layers.Take(layer).Select(l => l.Project))} are below it");
        }
        None(packages.Except(Layers[layer].Packages));
    }

    [Fact]
    public void The_layer_rule_would_refuse_an_upward_arrow()
    {
        // The check above on a made-up project file: Data referencing the methods must be named as a violation.
        var xml = XDocument.Parse("""<Project><ItemGroup><ProjectReference Include="..\TaskScaling\TaskScaling.csproj" /></ItemGroup></Project>""");
        var references = ProjectReferences(xml).ToArray();
        int data = Array.FindIndex(Layers, l => l.Project == "TaskScaling.Data");
        Assert.Contains(references, r => Array.FindIndex(Layers, l => l.Project == r) >= data);
    }

    [Fact]
    public void The_numerical_core_knows_no_files_console_or_method()
    {
        var refs = TypeReferences(typeof(global::TaskScaling.Numerics.LeastSquares.CurveFit).Assembly);
        None(refs.Where(t => t.Namespace == "System.IO" || t.Name == "Console"));
        None(refs.Where(t => t.Namespace.StartsWith("TaskScaling.", StringComparison.Ordinal)
            && !t.Namespace.StartsWith("TaskScaling.Numerics", StringComparison.Ordinal)));
        None(AssemblyReferences(typeof(global::TaskScaling.Numerics.LeastSquares.CurveFit).Assembly)
            .Where(a => !a.StartsWith("System", StringComparison.Ordinal) && a is not "netstandard" and not "MathNet.Numerics"));
    }

    [Fact]
    public void Readers_know_no_method()
    {
        var data = typeof(global::TaskScaling.Data.CsvTable).Assembly;
        Assert.Equal(["TaskScaling.Numerics"], AssemblyReferences(data).Where(a => a.StartsWith("TaskScaling", StringComparison.Ordinal)));
        None(TypeReferences(data).Where(t => t.Name == "Console"));
    }

    [Fact]
    public void Methods_know_no_console_or_graphics()
    {
        var methods = typeof(global::TaskScaling.Ladder.LadderData).Assembly;
        None(TypeReferences(methods).Where(t => t.Name == "Console"));
        Assert.Equal(["TaskScaling.Data", "TaskScaling.Numerics"],
            AssemblyReferences(methods).Where(a => !a.StartsWith("System", StringComparison.Ordinal) && a is not "netstandard" and not "MathNet.Numerics").Order(StringComparer.Ordinal));
    }

    /// <summary>Types whose use means fitting or reading input files: the library computes, the report draws.</summary>
    private static readonly string[] ComputingTypes =
    [
        "CurveFit", "LevenbergMarquardt", "Bootstrap", "DeltaMethod", "Adam", "ProjectedLbfgs", "Lbfgs",
        "LadderPredictor", "LadderData", "ComputeVsError", "VarianceAnalysis", "TaskPipeline",
        "SkillsFit", "SkillFitter", "SkillsEvaluation", "SkillsPrediction", "LinkFunctionExperiment",
        "RunHistory", "CsvTable", "LeaderboardReader", "LmEvalReader", "NistReader",
    ];

    [Fact]
    public void Reports_fit_nothing_and_read_no_input_file()
    {
        var reports = typeof(global::TaskScaling.Reports.ReportFolder).Assembly;
        var used = TypeReferences(reports).Where(t => t.Namespace.StartsWith("TaskScaling", StringComparison.Ordinal)).Select(t => t.Name).ToHashSet();
        None(ComputingTypes.Where(used.Contains));
        // Result records that also compute (a factory) may be drawn, not created.
        None(MemberReferences(reports).Where(m => m is ("SkillInterpretation", "Create") or ("SkillsReportData", "Compute") or ("LadderStudy", "Run")));
        None(TypeReferences(reports).Where(t => t.Name == "Console"));
    }

    /// <summary>Fails naming every offending item.</summary>
    private static void None<T>(IEnumerable<T> offending)
    {
        var list = offending.ToList();
        Assert.True(list.Count == 0, $"not allowed: {string.Join(", ", list)}");
    }

    private static (string[] Projects, string[] Packages) ReferencesOf(string project)
    {
        var xml = XDocument.Load(Path.Combine(SrcFolder(), project, project + ".csproj"));
        var packages = xml.Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToArray();
        return (ProjectReferences(xml).ToArray(), packages);
    }

    private static IEnumerable<string> ProjectReferences(XDocument xml) =>
        xml.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')));

    private static List<(string Namespace, string Name)> TypeReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        return md.TypeReferences.Select(h => md.GetTypeReference(h))
            .Select(t => (md.GetString(t.Namespace), md.GetString(t.Name))).ToList();
    }

    /// <summary>(declaring type, member) of every member the assembly uses from other assemblies.</summary>
    private static List<(string Type, string Member)> MemberReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        var list = new List<(string, string)>();
        foreach (var h in md.MemberReferences)
        {
            var m = md.GetMemberReference(h);
            if (m.Parent.Kind == HandleKind.TypeReference)
                list.Add((md.GetString(md.GetTypeReference((TypeReferenceHandle)m.Parent).Name), md.GetString(m.Name)));
        }
        return list;
    }

    private static string[] AssemblyReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToArray();
}
