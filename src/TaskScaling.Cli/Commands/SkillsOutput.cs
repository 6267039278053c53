using System.CommandLine;
using System.Globalization;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>Shared bits of the `skills` commands: data loading and number formatting (writing goes through <see cref="CliOutput"/>).</summary>
internal static class SkillsOutput
{
    /// <summary>
    /// The tables given with --table (data_v2 layout, concatenated in order), else the Sloth table; with the
    /// benchmark columns of the given sets (only those must exist).
    /// </summary>
    public static LeaderboardTable Load(string? dataRoot, string[]? tables, params string[] sets) =>
        Load(dataRoot, tables, sets.SelectMany(BenchmarkSets.ByName).Distinct().ToArray(),
            $"set{(sets.Length > 1 ? "s" : "")} {string.Join(", ", sets.Select(x => $"'{x}'"))}");

    /// <summary>
    /// As above with these benchmark columns (<paramref name="requested"/> names them in messages). A benchmark without
    /// a column, or without a score on any row, is an error naming every such benchmark and the file, and the
    /// <c>--benchmarks</c> that leaves them out.
    /// </summary>
    public static LeaderboardTable Load(string? dataRoot, string[]? tables, IReadOnlyList<string> benchmarks, string requested)
    {
        var files = InputPaths(dataRoot, tables).Select(CsvTable.Load).ToArray();
        foreach (var csv in files)
            if (benchmarks.Where(b => !csv.HasColumn(b)).ToList() is { Count: > 0 } absent)
                throw Lacking(csv.Source, 1, absent, benchmarks, requested, "no column");
        var columns = LeaderboardColumns.Default with { Benchmarks = benchmarks };
        var table = LeaderboardTable.Concat(files.Select(csv => LeaderboardReader.FromCsv(csv, columns)).ToArray());
        var empty = benchmarks.Where((_, j) => Enumerable.Range(0, table.RowCount).All(i => double.IsNaN(table.Score(i, j)))).ToList();
        if (empty.Count > 0) throw Lacking(table.Source, null, empty, benchmarks, requested, "no score on any row");
        return table;
    }

    private static DataFormatException Lacking(string source, int? line, IReadOnlyList<string> missing, IReadOnlyList<string> benchmarks,
        string requested, string how)
    {
        var rest = benchmarks.Except(missing).ToList();
        return new DataFormatException(source, line, null,
            $"lacks {missing.Count} of the {benchmarks.Count} benchmarks of {requested}: {string.Join(", ", missing)} ({how})" +
            (rest.Count > 0 ? $"; fit on the others with --benchmarks \"{string.Join(",", rest)}\" (skills fit, interpret, predict)" : ""));
    }

    /// <summary>`--benchmarks`: a subset of the twelve, in the order given, instead of --set.</summary>
    public static Option<string[]> BenchmarksOption() => new("--benchmarks")
    {
        Description = "Fit on these benchmarks only, in this order, instead of --set: comma-separated or repeated, e.g. \"IFEval,BBH,MATH Lvl 5\".",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The --benchmarks given (validated, in their order), else null; an error when --set is given too.</summary>
    public static IReadOnlyList<string>? Chosen(ParseResult parse, Option<string[]> benchmarks, Option<string> set)
    {
        if (parse.GetResult(benchmarks) is not { Implicit: false }) return null;
        if (parse.GetResult(set) is { Implicit: false }) throw new InvalidRequestException("give --benchmarks or --set, not both");
        return BenchmarkSets.Parse(Split(parse.GetValue(benchmarks)));
    }

    /// <summary>The files the Load methods read: the --table files, else <c>&lt;data&gt;/sloth/data_v2.csv</c>.</summary>
    public static string[] InputPaths(string? dataRoot, string[]? tables) =>
        tables is { Length: > 0 } ? tables : [DataLocation.Require(DataLocation.Resolve(dataRoot), DataFolder.SlothTable)];

    /// <summary>An error naming the first option of <paramref name="options"/> given on the command line (not by default).</summary>
    public static void RejectWith(ParseResult parse, string reason, params Option[] options)
    {
        foreach (var o in options)
            if (parse.GetResult(o) is { Implicit: false })
                throw new InvalidRequestException($"{o.Name} cannot be used with {reason}");
    }

    /// <summary>`--table FILE` (repeatable): leaderboard tables in the layout of data_v2.csv, used instead of it.</summary>
    public static Option<string[]> TableOption() => new("--table")
    {
        Description = "A leaderboard table in the layout of data_v2.csv (e.g. from `skills import`); repeat to concatenate several (default: <data>/sloth/data_v2.csv).",
    };

    public static string F(double v, string format = "F2") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Values may be given repeated or comma-separated.</summary>
    public static string[] Split(string[]? values) => CliOutput.SplitList(values);
}
