using System.Text.Json;

namespace TaskScaling.Data.LmEval;

// Reading a folder of runs: which *.json files are lm-eval results, and the runs of one model merged.
public static partial class LmEvalReader
{
    /// <summary>
    /// Every lm-eval results file under <paramref name="folder"/>, merged per model and step; one result per model,
    /// ordered by model then step. See <see cref="ScanFolder"/> for which files are read.
    /// </summary>
    public static IReadOnlyList<LmEvalResults> ReadFolder(string folder, LmEvalReadOptions? options = null) =>
        ScanFolder(folder, options).Models;

    /// <summary>
    /// Every "*.json" under <paramref name="folder"/> (recursively, in ordinal path order) that is an lm-eval results
    /// file — a top-level "results" object and one of "config", "configs", "versions" — whatever its name, as lm-eval
    /// names them results_&lt;date&gt;.json and people rename them. A "results_*.json" must be one (else the error
    /// names it); other JSON files that are not (or do not parse) are listed in <see cref="LmEvalFolderScan.Ignored"/>.
    /// </summary>
    public static LmEvalFolderScan ScanFolder(string folder, LmEvalReadOptions? options = null)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, null, null, "no such folder");
        options ??= LmEvalReadOptions.Default;
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var runs = new List<LmEvalResults>();
        var ignored = new List<string>();
        foreach (var f in files)
        {
            bool named = Path.GetFileName(f).StartsWith("results_", StringComparison.Ordinal);
            var bytes = Internals.InputFile.ReadBytes(f);
            if (named) { runs.Add(Parse(bytes, f, options)); continue; }
            JsonDocument document;
            try { document = ParseDocument(bytes, f); }
            catch (DataFormatException) { ignored.Add(Path.GetRelativePath(folder, f)); continue; }
            using (document)
            {
                if (IsResults(document.RootElement)) runs.Add(FromDocument(document.RootElement, f, options));
                else ignored.Add(Path.GetRelativePath(folder, f));
            }
        }
        if (runs.Count == 0)
            throw new DataFormatException(folder, null, null,
                "no lm-eval results file (*.json with a top-level \"results\" object and \"config\", \"configs\" or \"versions\") in this folder or below it" +
                (ignored.Count > 0 ? $"; not results files: {NameSuggestion.List(ignored, 5)}" : ""));
        var models = runs
            .GroupBy(r => (Model: r.Model ?? "", r.Step))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Step ?? -1)
            .Select(g => Merge(g.ToList()))
            .ToList();
        return new LmEvalFolderScan(models, ignored);
    }

    /// <summary>The shape of an lm-eval results file (both layouts): a "results" object and the run's "config"
    /// (or the current layout's per-task "configs", or "versions").</summary>
    private static bool IsResults(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object &&
        root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Object &&
        (root.TryGetProperty("config", out _) || root.TryGetProperty("configs", out _) || root.TryGetProperty("versions", out _));
}
