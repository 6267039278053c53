using System.Runtime.CompilerServices;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Docs;

/// <summary>The documentation under test: README.md and every Markdown file under docs/.</summary>
internal static class DocFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Paths relative to the repository root, with forward slashes (as messages print them).</summary>
    public static IReadOnlyList<string> All { get; } =
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(RepositoryRoot, p).Replace('\\', '/'))
                .Order(StringComparer.Ordinal))
            .ToArray();

    public static string Read(string relative) => File.ReadAllText(Path.Combine(RepositoryRoot, relative));

    public static IEnumerable<CodeBlock> Blocks() => All.SelectMany(f => MarkdownBlocks.Parse(f, Read(f)));

    private static string FindRoot([CallerFilePath] string thisFile = "") =>
        DataLocation.FindRepositoryRoot(Directory.GetCurrentDirectory())
        ?? DataLocation.FindRepositoryRoot(Path.GetDirectoryName(thisFile) ?? ".")
        ?? throw new InvalidOperationException("repository root (TaskScaling.slnx) not found");
}
