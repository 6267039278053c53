using System.Text;
using System.Text.RegularExpressions;

namespace TaskScaling.Tests.Docs;

internal enum ShellCommandKind { Cli, WriteFile, MakeDirectory, Skipped }

/// <summary>
/// One command of a documented shell block, as the doc test understands it:
/// <list type="bullet">
/// <item><c>taskscaling ARGS</c> and <c>dotnet run -c Release --project src/TaskScaling.Cli -- ARGS</c> run the CLI;</item>
/// <item><c>cat &gt; FILE &lt;&lt;'EOF'</c> … <c>EOF</c> writes FILE and <c>mkdir -p DIR</c> makes DIR (how a doc makes a
/// small input of the user's);</item>
/// <item><c>dotnet test</c> (it is this suite), <c>dotnet pack</c>, <c>dotnet tool install</c> (they install the tool
/// on the machine: .ci/run packs and installs it into a temporary tool path and runs it), benchmark runs
/// (<c>--project bench/…</c>: minutes) and <c>apt-get</c> (system packages) are skipped, with that reason;</item>
/// <item>anything else is an error, so that no documented command goes unrun unnoticed.</item>
/// </list>
/// A comment containing <c>(exits N</c> says the command is meant to fail with exit code N.
/// </summary>
internal sealed partial record ShellCommand(string File, int Line, string Text, ShellCommandKind Kind,
    IReadOnlyList<string> Arguments, string? SkipReason = null, string? Content = null, int ExpectedExit = 0)
{
    public override string ToString() => $"{File}:{Line}: `{Text}`";

    /// <summary>Splits a block into commands: `\` continues a line, `#` starts a comment, heredocs span lines.</summary>
    public static IReadOnlyList<ShellCommand> Parse(CodeBlock block)
    {
        var result = new List<ShellCommand>();
        var lines = block.Lines;
        for (int i = 0; i < lines.Count; i++)
        {
            int first = i;
            var text = lines[i].TrimEnd();
            while (text.EndsWith('\\') && i + 1 < lines.Count) text = text[..^1] + " " + lines[++i].Trim();
            var (words, comment) = Split(text);
            if (words.Count == 0) continue;
            var line = block.Line + first;
            var shown = text.Split(" #")[0].Trim();
            var heredoc = Heredoc().Match(text);
            if (heredoc.Success)
            {
                var end = heredoc.Groups["end"].Value;
                var content = new StringBuilder();
                while (++i < lines.Count && lines[i] != end) content.Append(lines[i]).Append('\n');
                if (i == lines.Count) throw new InvalidOperationException($"{block.File}:{line}: heredoc not closed by {end}");
                result.Add(new ShellCommand(block.File, line, shown, ShellCommandKind.WriteFile, [heredoc.Groups["file"].Value], Content: content.ToString()));
                continue;
            }
            var exits = Exits().Match(comment);
            result.Add(Classify(block.File, line, shown, words) with { ExpectedExit = exits.Success ? int.Parse(exits.Groups[1].Value) : 0 });
        }
        return result;
    }

    private static ShellCommand Classify(string file, int line, string text, IReadOnlyList<string> w)
    {
        ShellCommand Cli(IEnumerable<string> args) => new(file, line, text, ShellCommandKind.Cli, args.ToArray());
        ShellCommand Skip(string why) => new(file, line, text, ShellCommandKind.Skipped, w, why);
        if (w[0] == "taskscaling") return Cli(w.Skip(1));
        if (w[0] == "mkdir" && w.Count > 2 && w[1] == "-p") return new(file, line, text, ShellCommandKind.MakeDirectory, w.Skip(2).ToArray());
        if (w[0] == "apt-get") return Skip("installs system packages");
        if (w[0] == "./test.sh") return Skip("the test suite itself");
        if (w[0] == "pip") return Skip("installs the Python package; python/tests installs it into a temporary virtual environment");
        if (w[0] == "dotnet" && w.Count > 1)
        {
            switch (w[1])
            {
                case "test": return Skip("the test suite itself");
                case "pack": return Skip("packs the tool; .ci/run packs and installs it into a temporary tool path");
                case "tool": return Skip("installs the tool on the machine; .ci/run installs it into a temporary tool path");
                case "run":
                    var project = w.SkipWhile(x => x != "--project").Skip(1).FirstOrDefault() ?? "";
                    if (project.StartsWith("bench/", StringComparison.Ordinal)) return Skip("benchmarks run for minutes");
                    if (project.TrimEnd('/') == "src/TaskScaling.Cli" && w.Contains("--")) return Cli(w.SkipWhile(x => x != "--").Skip(1));
                    break;
            }
        }
        throw new InvalidOperationException($"{file}:{line}: the doc test does not know how to run `{text}` (see ShellCommand)");
    }

    /// <summary>Shell words (single and double quotes, backslash escapes) and the comment after an unquoted #.</summary>
    private static (List<string> Words, string Comment) Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && k + 1 < text.Length) word.Append(text[++k]);
                else word.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c)) { if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; } continue; }
            if (c == '#' && !inWord) return (words, text[(k + 1)..]);
            inWord = true;
            if (c is '\'' or '"') quote = c;
            else if (c == '\\' && k + 1 < text.Length) word.Append(text[++k]);
            else word.Append(c);
        }
        if (quote != '\0') throw new InvalidOperationException($"unclosed quote in `{text}`");
        if (inWord) words.Add(word.ToString());
        return (words, "");
    }

    [GeneratedRegex(@"^cat\s+>\s*(?<file>\S+)\s+<<\s*'?(?<end>\w+)'?\s*$")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"\(exits (\d+)\b")]
    private static partial Regex Exits();
}
