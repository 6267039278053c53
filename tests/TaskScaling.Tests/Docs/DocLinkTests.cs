using System.Text.RegularExpressions;

namespace TaskScaling.Tests.Docs;

/// <summary>Every relative link of README.md and docs/ points at a file of the repository and, with #anchor, at one of its headings.</summary>
public sealed partial class DocLinkTests
{
    [Fact]
    public void EveryRelativeLinkResolves()
    {
        var broken = new List<string>();
        foreach (var file in DocFiles.All)
        {
            var lines = DocFiles.Read(file).Split('\n');
            for (int i = 0; i < lines.Length; i++)
                foreach (Match link in Link().Matches(lines[i]))
                {
                    var target = link.Groups[1].Value;
                    if (target.Contains("://")) continue;
                    var (path, anchor) = target.Split('#', 2) is [var p, var a] ? (p, a) : (target, null);
                    var resolved = path.Length == 0 ? file : Path.GetRelativePath(DocFiles.RepositoryRoot,
                        Path.GetFullPath(Path.Combine(DocFiles.RepositoryRoot, Path.GetDirectoryName(file) ?? "", path))).Replace('\\', '/');
                    if (!File.Exists(Path.Combine(DocFiles.RepositoryRoot, resolved))) broken.Add($"{file}:{i + 1}: {target} (no such file)");
                    else if (anchor is not null && !Anchors(resolved).Contains(anchor)) broken.Add($"{file}:{i + 1}: {target} (no such heading)");
                }
        }
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Anchors(string file) =>
        DocFiles.Read(file).Split('\n').Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'))
            .ToHashSet();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
