namespace TaskScaling.Data.Runs;

/// <summary>
/// The results files of an lm-eval run given as <c>file</c> in a ladder description: a file; a folder (every
/// <c>*.json</c> in it and below it); or a glob whose wildcards (<c>*</c>, <c>?</c>) are in the last segment
/// (<c>runs/190M_step*.json</c>: that folder only) or follow <c>**/</c> (<c>runs/190M/**/results_*.json</c>:
/// recursively). Files come in ordinal path order; a matched entry that is not a regular file (a FIFO, a device) is
/// an error.
/// </summary>
public static class LmEvalRunFiles
{
    public sealed record Resolved(string BaseFolder, IReadOnlyList<string> Files);

    public static bool IsPattern(string path) => path.IndexOfAny(['*', '?']) >= 0;

    public static Resolved Resolve(string path)
    {
        if (File.Exists(path)) return new Resolved(Path.GetDirectoryName(Path.GetFullPath(path))!, [Path.GetFullPath(path)]);
        if (Directory.Exists(path))
        {
            var files = Sorted(Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories));
            if (files.Count == 0) throw new DataFormatException(path, null, null, "no *.json results files in this folder or below it");
            return new Resolved(Path.GetFullPath(path), files);
        }
        if (!IsPattern(path)) throw new DataFormatException(path, null, null, "no such file or folder");

        var normalized = path.Replace('\\', '/');
        int firstWild = normalized.IndexOfAny(['*', '?']);
        int slash = normalized.LastIndexOf('/', firstWild);
        var folder = slash < 0 ? "." : normalized[..slash];
        if (folder.Length == 0) folder = "/";
        var rest = normalized[(slash + 1)..];
        SearchOption option = SearchOption.TopDirectoryOnly;
        if (rest.StartsWith("**/", StringComparison.Ordinal)) { option = SearchOption.AllDirectories; rest = rest[3..]; }
        if (rest.Contains('/') || rest.Contains("**", StringComparison.Ordinal))
            throw new DataFormatException(path, null, null,
                "unsupported pattern: wildcards may only be in the file name, optionally after '**/' (e.g. runs/190M/*.json, runs/**/results_*.json)");
        if (!Directory.Exists(folder)) throw new DataFormatException(path, null, null, $"no such folder '{folder}'");
        var matched = Sorted(Directory.EnumerateFiles(folder, rest, option));
        if (matched.Count == 0) throw new DataFormatException(path, null, null, "no file matches this pattern");
        return new Resolved(Path.GetFullPath(folder), matched);
    }

    // In ordinal path order; an entry that is not a regular file (a FIFO would block the reader, a device read
    // forever) is refused by name rather than skipped, so a run never silently loses a checkpoint.
    private static List<string> Sorted(IEnumerable<string> files)
    {
        var sorted = files.Select(Path.GetFullPath).OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var f in sorted)
            if (Internals.FileKind.Of(f) is var type && type != Internals.FileType.Regular)
                throw new DataFormatException(f, null, null, $"expected a regular file, found {Internals.FileKind.Describe(type)}");
        return sorted;
    }
}
