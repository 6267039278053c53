using System.Globalization;

namespace TaskScaling.Data.LmEval;

/// <summary>
/// Reads lm-evaluation-harness results flattened into a CSV, one row per model, as leaderboard-v2 results are commonly
/// shared: a model column (<see cref="ModelColumns"/>) and one column per metric named
/// <c>&lt;task&gt;_&lt;metric&gt;_&lt;filter&gt;</c>, the results key "metric,filter" with its comma written as '_'
/// (<c>leaderboard_bbh_acc_norm_none</c>, <c>leaderboard_ifeval_prompt_level_strict_acc_none</c>,
/// <c>gsm8k_exact_match_strict-match</c>); a leading "results." and '.' or ',' as separators (pandas.json_normalize's
/// <c>results.leaderboard_bbh.acc_norm,none</c>) read the same. Task and metric names both hold '_', so the task is
/// the longest of the caller's <c>tasks</c> that starts the name, the filter the last '_' part (lm-eval's filters
/// use '-'), and the metric what lies between; "_stderr" metrics are standard errors. Other columns are ignored; an
/// optional "model_num_parameters" column gives <see cref="LmEvalResults.ParameterCount"/>.
/// <para>
/// Each row becomes an <see cref="LmEvalResults"/> as a results file would (current layout): a task appears when one
/// of its cells is filled; an empty cell (or N/A) is a metric not measured. A cell that is not a number is an error naming
/// file, line and column. A flattened file carries no "group_subtasks", so a group is read as its own row.
/// </para>
/// </summary>
public static class LmEvalFlatCsvReader
{
    /// <summary>Accepted names of the model column (case-insensitive), first found wins.</summary>
    public static IReadOnlyList<string> ModelColumns { get; } = ["model_name", "model", "pretrained", "model_id", "model_name_or_path"];

    private const string ParametersColumn = "model_num_parameters";

    /// <summary>The file read with <paramref name="tasks"/> as the task names to look for.</summary>
    public static IReadOnlyList<LmEvalResults> Read(string path, IReadOnlyCollection<string> tasks) => FromCsv(CsvTable.Load(path), tasks);

    /// <summary>True when a column is a metric of one of <paramref name="tasks"/> (the file is flattened lm-eval results).</summary>
    public static bool IsFlattened(CsvTable csv, IReadOnlyCollection<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var ordered = Longest(tasks);
        return csv.Header.Any(h => Split(h, ordered) is not null);
    }

    public static IReadOnlyList<LmEvalResults> FromCsv(CsvTable csv, IReadOnlyCollection<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var ordered = Longest(tasks);
        int cModel = ModelColumns.Select(n => Find(csv, h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(c => c >= 0, -1);
        if (cModel < 0)
            throw new DataFormatException(csv.Source, 1, null,
                $"no model column (expected one of: {string.Join(", ", ModelColumns.Select(n => $"'{n}'"))})");
        int cParams = Find(csv, h => h.EndsWith(ParametersColumn, StringComparison.OrdinalIgnoreCase));
        var columns = new List<(int Column, string Task, string Metric, string Filter, bool StdErr)>();
        for (int c = 0; c < csv.Header.Count; c++)
            if (c != cModel && Split(csv.Header[c], ordered) is { } parts) columns.Add((c, parts.Task, parts.Metric, parts.Filter, parts.StdErr));
        if (columns.Count == 0)
            throw new DataFormatException(csv.Source, 1, null,
                $"no column named <task>_<metric>_<filter> for any of the tasks {NameSuggestion.List(ordered, 12)}");

        var results = new List<LmEvalResults>(csv.RowCount);
        for (int i = 0; i < csv.RowCount; i++)
        {
            int line = csv.RowLines[i];
            var model = csv.Rows[i][cModel].Trim();
            var source = $"{csv.Source}, line {line}";
            var stderrs = new Dictionary<(string, string, string), double?>();
            foreach (var col in columns.Where(x => x.StdErr))
                stderrs[(col.Task, col.Metric, col.Filter)] = Cell(csv, i, col.Column, "a standard error");
            var metrics = new Dictionary<string, Dictionary<string, LmEvalMetric>>(StringComparer.Ordinal);
            foreach (var col in columns.Where(x => !x.StdErr))
            {
                if (Cell(csv, i, col.Column, "a number") is not { } v) continue;
                var m = new LmEvalMetric(col.Metric, col.Filter, v, stderrs.GetValueOrDefault((col.Task, col.Metric, col.Filter)));
                if (!metrics.TryGetValue(col.Task, out var byKey)) metrics[col.Task] = byKey = new(StringComparer.Ordinal);
                byKey[m.Key] = m;
            }
            var taskResults = metrics.ToDictionary(kv => kv.Key, kv => new LmEvalTaskResult
            {
                Name = kv.Key, Metrics = kv.Value, SourceFile = source,
            }, StringComparer.Ordinal);
            results.Add(new LmEvalResults
            {
                Model = model.Length > 0 ? model : null,
                ModelArgs = new Dictionary<string, string>(StringComparer.Ordinal),
                ParameterCount = cParams >= 0 && csv.Number(i, cParams) is var n && n > 0 && double.IsFinite(n) ? (long)Math.Round(n) : null,
                Layout = LmEvalLayout.Current,
                Tasks = taskResults,
                Groups = new Dictionary<string, LmEvalTaskResult>(StringComparer.Ordinal),
                GroupSubtasks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
                SourceFiles = [source],
                Notes = [],
            });
        }
        return results;
    }

    private static string[] Longest(IReadOnlyCollection<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
    }

    /// <summary>"results.leaderboard_bbh.acc_norm,none" or "leaderboard_bbh_acc_norm_none" → (leaderboard_bbh, acc_norm, none).</summary>
    private static (string Task, string Metric, string Filter, bool StdErr)? Split(string header, string[] tasksLongestFirst)
    {
        var h = header.Trim();
        if (h.StartsWith("results.", StringComparison.Ordinal)) h = h["results.".Length..];
        h = h.Replace(',', '_').Replace('.', '_');
        foreach (var task in tasksLongestFirst)
        {
            if (!h.StartsWith(task + "_", StringComparison.Ordinal)) continue;
            var rest = h[(task.Length + 1)..];
            int cut = rest.LastIndexOf('_');
            if (cut <= 0 || cut == rest.Length - 1) return null; // "alias", "name": not a metric,filter pair
            var (metric, filter) = (rest[..cut], rest[(cut + 1)..]);
            bool stderr = metric.EndsWith("_stderr", StringComparison.Ordinal) && metric.Length > "_stderr".Length;
            return (task, stderr ? metric[..^"_stderr".Length] : metric, filter, stderr);
        }
        return null;
    }

    // Empty, or lm-eval's "N/A" (an undefined value or standard error): missing, as the JSON reader reads them.
    private static double? Cell(CsvTable csv, int row, int column, string what)
    {
        var text = csv.Rows[row][column].Trim();
        if (text is "" or "N/A" or "NA" or "nan" or "NaN" or "None") return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new DataFormatException(csv.Source, csv.RowLines[row], csv.Header[column], $"expected {what} (or an empty cell, or N/A), found '{text}'");
    }

    private static int Find(CsvTable csv, Func<string, bool> match)
    {
        for (int j = 0; j < csv.Header.Count; j++) if (match(csv.Header[j].Trim())) return j;
        return -1;
    }
}
