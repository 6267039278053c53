namespace TaskScaling.Tests.Docs;

/// <summary>A fenced code block: its file, the line of its first content line (1-based), info string and lines.</summary>
internal sealed record CodeBlock(string File, int Line, string Info, IReadOnlyList<string> Lines)
{
    public string Language => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
    public bool HasFlag(string flag) => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Contains(flag);
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Finds the fenced (```) code blocks of a Markdown text; indented fences (inside list items) count too.</summary>
internal static class MarkdownBlocks
{
    public static IEnumerable<CodeBlock> Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal)) continue;
            var indent = lines[i].Length - open.Length;
            var info = open[3..].Trim();
            var body = new List<string>();
            int j = i + 1;
            for (; j < lines.Length && lines[j].Trim() != "```"; j++)
                body.Add(lines[j].Length >= indent && string.IsNullOrWhiteSpace(lines[j][..indent]) ? lines[j][indent..] : lines[j].TrimStart());
            if (j == lines.Length) throw new InvalidOperationException($"{file}:{i + 1}: code block not closed");
            yield return new CodeBlock(file, i + 2, info, body);
            i = j;
        }
    }
}
