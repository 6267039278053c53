namespace TaskScaling.Bench;

/// <summary>The data folder: $TASKSCALING_DATA, else ../shared/data beside the repository (found by walking up to TaskScaling.slnx).</summary>
internal static class BenchData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("TASKSCALING_DATA");
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TaskScaling.slnx")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        throw new DirectoryNotFoundException("no data folder: set TASKSCALING_DATA");
    }
}
