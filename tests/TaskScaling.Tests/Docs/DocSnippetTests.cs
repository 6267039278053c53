using Xunit.Abstractions;

namespace TaskScaling.Tests.Docs;

/// <summary>Every ```csharp block of README.md and docs/ compiles (see <see cref="CSharpSnippet"/>) and runs without throwing.</summary>
[Collection("Console")]
public sealed class DocSnippetTests(ITestOutputHelper output)
{
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var b in CSharpBlocks()) data.Add(b.ToString());
        return data;
    }

    private static IEnumerable<CodeBlock> CSharpBlocks() => DocFiles.Blocks().Where(b => b.Language == "csharp");

    [Fact]
    public void TheDocsHoldSnippets() => Assert.NotEmpty(CSharpBlocks());

    [Theory]
    [MemberData(nameof(Snippets))]
    public void TheSnippetCompilesAndRuns(string snippet)
    {
        var b = CSharpBlocks().Single(x => x.ToString() == snippet);
        var (errors, run) = CSharpSnippet.Compile(string.Join('\n', b.Lines), b.File);
        // Diagnostics name the snippet's own line: add the block's first line to find it in the file.
        Assert.True(run is not null, $"{b} (line numbers below count from that line, 1 = {b.Line}) does not compile:\n{string.Join('\n', errors)}");
        string text;
        try { text = run(); }
        catch (InvalidOperationException e) { throw new Xunit.Sdk.XunitException($"{b}: {e.Message}"); }
        output.WriteLine(text);
    }
}
