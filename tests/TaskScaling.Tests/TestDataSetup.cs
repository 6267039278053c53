using System.Runtime.CompilerServices;
using TaskScaling.Cli;

namespace TaskScaling.Tests;

/// <summary>
/// Tests built outside the repository (e.g. with --artifacts-path) cannot find ../shared/data by walking
/// up from the working directory, so point TASKSCALING_DATA at it from this source file's location
/// unless the caller set it.
/// </summary>
internal static class TestDataSetup
{
    [ModuleInitializer]
    internal static void Initialise() => Initialise(null);

    private static void Initialise(object? _, [CallerFilePath] string thisFile = "")
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DataLocation.EnvironmentVariable))) return;
        var root = DataLocation.FindRepositoryRoot(Directory.GetCurrentDirectory())
                   ?? DataLocation.FindRepositoryRoot(Path.GetDirectoryName(thisFile) ?? ".");
        if (root is null) return;
        var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        if (Directory.Exists(data)) Environment.SetEnvironmentVariable(DataLocation.EnvironmentVariable, data);
    }
}
