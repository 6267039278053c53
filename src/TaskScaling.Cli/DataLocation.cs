using TaskScaling.Data;

namespace TaskScaling.Cli;

/// <summary>
/// Where the third-party data lives. Precedence: an explicit path (the CLI's --data), then the
/// TASKSCALING_DATA environment variable, then ../shared/data relative to the repository root
/// (found by walking up from the working directory, then from the running assembly).
/// </summary>
internal static class DataLocation
{
    public const string EnvironmentVariable = "TASKSCALING_DATA";

    public static string Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var root = FindRepositoryRoot(start);
            if (root is null) continue;
            var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
            if (Directory.Exists(candidate)) return candidate;
        }
        // Nothing found: return the conventional location so the error names it.
        return Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data"));
    }

    /// <summary>The folder holding TaskScaling.slnx, walking up from <paramref name="start"/>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "TaskScaling.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>A sub-folder of the data folder that must exist (see <see cref="DataFolder.Require"/>).</summary>
    public static string Require(string dataRoot, string relative) => DataFolder.Require(dataRoot, relative, EnvironmentVariable);
}
