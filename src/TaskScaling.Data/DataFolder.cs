namespace TaskScaling.Data;

/// <summary>
/// The layout of the third-party data folder (<c>olmo-ladder/</c>, <c>sloth/</c>, <c>nist-strd/</c>, <c>formats/</c>).
/// Where the folder is (an option, an environment variable, a path beside the repository) is the host's business.
/// </summary>
public static class DataFolder
{
    /// <summary>The Sloth leaderboard table, relative to the data folder.</summary>
    public static string SlothTable { get; } = Path.Combine("sloth", "data_v2.csv");

    /// <summary>The NIST StRD nonlinear-regression problems, relative to the data folder.</summary>
    public static string Nist { get; } = "nist-strd";

    /// <summary>A file or sub-folder of the data folder that must exist; else an error naming it.</summary>
    /// <param name="hint">How the user sets the data folder, named in the error (e.g. an environment variable).</param>
    public static string Require(string dataRoot, string relative, string? hint = null)
    {
        var path = Path.Combine(dataRoot, relative);
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new DataFormatException(path, null, null,
                hint is null ? $"not found (data folder '{dataRoot}')" : $"not found (data folder '{dataRoot}'; set --data or {hint})");
        return path;
    }
}
