using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaskScaling.Tests.Docs;

/// <summary>
/// Compiles a documented C# snippet with Roslyn as the top-level statements of a console program (the implicit usings
/// of a .NET console project plus the snippet's own `using` lines) against every assembly the tests run with, the
/// TaskScaling ones included, then runs it with standard output captured.
/// </summary>
internal static class CSharpSnippet
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The compiler's errors (empty when it compiled) and, when it compiled, the program's output.</summary>
    public static (IReadOnlyList<string> Errors, Func<string>? Run) Compile(string code, string name)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("DocSnippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, options), CSharpSyntaxTree.ParseText(code, options, path: name)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        if (!emitted.Success) return (errors, null);
        var bytes = image.ToArray();
        return ([], () => Execute(bytes));
    }

    private static string Execute(byte[] image)
    {
        var context = new AssemblyLoadContext("doc-snippet", isCollectible: true);
        var entry = context.LoadFromStream(new MemoryStream(image)).EntryPoint!;
        var output = new StringWriter();
        var old = Console.Out;
        Console.SetOut(output);
        try { entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"the snippet threw {e.InnerException.GetType().Name}: {e.InnerException.Message}\n{output}", e.InnerException);
        }
        finally { Console.SetOut(old); context.Unload(); }
        return output.ToString();
    }
}
