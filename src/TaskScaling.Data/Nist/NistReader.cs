using System.Globalization;
using System.Text.RegularExpressions;
using TaskScaling.Numerics.Nist;

namespace TaskScaling.Data.Nist;

/// <summary>
/// Reads NIST StRD nonlinear-regression files (the "NIST/ITL StRD" .dat format): the header states the line
/// ranges of the starting/certified values and of the data; parameter lines read
/// "b1 = start1 start2 certified sd"; the data block has one observation per line, response first.
/// Anything missing, truncated or non-numeric is a <see cref="DataFormatException"/> naming file and line.
/// </summary>
public static partial class NistReader
{
    [GeneratedRegex(@"Starting\s+Values\s*\(lines\s+(\d+)\s+to\s+(\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex StartRange();
    [GeneratedRegex(@"Data\s*\(lines\s+(\d+)\s+to\s+(\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex DataRange();
    [GeneratedRegex(@"^\s*(b\d+)\s*=\s*(.*)$")]
    private static partial Regex ParameterLine();

    /// <summary>Every *.dat file of a folder, sorted by name.</summary>
    public static IReadOnlyList<NistDataset> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, null, null, "NIST StRD folder not found");
        var files = Directory.GetFiles(folder, "*.dat").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new DataFormatException(folder, null, null, "no NIST StRD .dat files in this folder");
        return files.Select(Load).ToArray();
    }

    public static NistDataset Load(string path)
    {
        var text = Internals.InputFile.ReadText(path);
        var lines = text.Split('\n');
        if (text.EndsWith('\n')) lines = lines[..^1];   // as File.ReadAllLines: no empty line after the last break
        return Parse(lines.Select(l => l.TrimEnd('\r')).ToArray(), path);
    }

    /// <summary>Parses the lines of a .dat file; <paramref name="source"/> names it in error messages.</summary>
    public static NistDataset Parse(IReadOnlyList<string> lines, string source)
    {
        var name = Path.GetFileNameWithoutExtension(source);
        var (startFrom, startTo) = Range(lines, source, StartRange(), "Starting Values (lines a to b)");
        var (dataFrom, dataTo) = Range(lines, source, DataRange(), "Data (lines a to b)");
        if (lines.Count < startTo)
            throw new DataFormatException(source, lines.Count, null, $"file ends before the parameter lines {startFrom}–{startTo} (truncated?)");

        var names = new List<string>();
        var s1 = new List<double>(); var s2 = new List<double>(); var cv = new List<double>(); var sd = new List<double>();
        for (int ln = startFrom; ln <= startTo; ln++)
        {
            var m = ParameterLine().Match(lines[ln - 1]);
            if (!m.Success) throw new DataFormatException(source, ln, null, "expected a parameter line 'bK = start1 start2 certified sd'");
            var cells = Split(m.Groups[2].Value);
            if (cells.Length != 4)
                throw new DataFormatException(source, ln, null, $"expected 4 numbers after '{m.Groups[1].Value} =', found {cells.Length}");
            names.Add(m.Groups[1].Value);
            s1.Add(Number(cells[0], source, ln, "start 1"));
            s2.Add(Number(cells[1], source, ln, "start 2"));
            cv.Add(Number(cells[2], source, ln, "certified value"));
            sd.Add(Number(cells[3], source, ln, "standard deviation"));
        }

        double rss = Labelled(lines, source, "Residual Sum of Squares:");
        double rsd = Labelled(lines, source, "Residual Standard Deviation:");
        int dof = (int)Labelled(lines, source, "Degrees of Freedom:");
        int nobs = (int)Labelled(lines, source, "Number of Observations:");
        if (dataTo - dataFrom + 1 != nobs)
            throw new DataFormatException(source, null, null, $"the header's data lines {dataFrom}–{dataTo} disagree with {nobs} observations");

        // The column header sits on the line before the data: "Data:  y  x" or "Data:  y  x1  x2".
        int headerLine = dataFrom - 1;
        if (headerLine < 1 || headerLine > lines.Count || !lines[headerLine - 1].TrimStart().StartsWith("Data:", StringComparison.Ordinal))
            throw new DataFormatException(source, Math.Min(headerLine, lines.Count), null, "expected the data column header 'Data: y x...' (truncated?)");
        var columns = Split(lines[headerLine - 1].TrimStart()["Data:".Length..]);
        if (columns.Length < 2) throw new DataFormatException(source, headerLine, null, "expected at least a response and a predictor column");

        var y = new double[nobs];
        var x = new double[nobs][];
        for (int i = 0; i < nobs; i++)
        {
            int ln = dataFrom + i;
            if (ln > lines.Count)
                throw new DataFormatException(source, lines.Count, null, $"file ends after {i} of {nobs} observations (truncated?)");
            var cells = Split(lines[ln - 1]);
            if (cells.Length != columns.Length)
                throw new DataFormatException(source, ln, null, $"expected {columns.Length} numbers ({string.Join(" ", columns)}), found {cells.Length}");
            y[i] = Number(cells[0], source, ln, columns[0]);
            x[i] = new double[columns.Length - 1];
            for (int c = 1; c < columns.Length; c++) x[i][c - 1] = Number(cells[c], source, ln, columns[c]);
        }

        var difficulty = lines.Select(l => l.Trim()).FirstOrDefault(l => l.EndsWith("Level of Difficulty", StringComparison.Ordinal)) ?? "";
        return new NistDataset
        {
            Name = name,
            Source = source,
            ModelText = ModelText(lines),
            ParameterNames = names,
            Start1 = s1.ToArray(),
            Start2 = s2.ToArray(),
            CertifiedValues = cv.ToArray(),
            CertifiedStandardDeviations = sd.ToArray(),
            ResidualSumOfSquares = rss,
            ResidualStandardDeviation = rsd,
            DegreesOfFreedom = dof,
            Y = y,
            X = x,
            Difficulty = difficulty.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "",
        };
    }

    private static (int From, int To) Range(IReadOnlyList<string> lines, string source, Regex pattern, string what)
    {
        for (int i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            var m = pattern.Match(lines[i]);
            if (m.Success) return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }
        throw new DataFormatException(source, null, null, $"header does not state '{what}' (not a NIST StRD file, or truncated?)");
    }

    private static double Labelled(IReadOnlyList<string> lines, string source, string label)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var t = lines[i].TrimStart();
            if (!t.StartsWith(label, StringComparison.OrdinalIgnoreCase)) continue;
            var cells = Split(t[label.Length..]);
            if (cells.Length != 1) throw new DataFormatException(source, i + 1, null, $"expected one number after '{label}'");
            return Number(cells[0], source, i + 1, label.TrimEnd(':'));
        }
        throw new DataFormatException(source, null, null, $"missing '{label}' line (truncated?)");
    }

    private static string ModelText(IReadOnlyList<string> lines)
    {
        var model = new List<string>();
        bool inModel = false;
        foreach (var l in lines)
        {
            var t = l.Trim();
            if (t.StartsWith("Model:", StringComparison.Ordinal)) { inModel = true; continue; }
            if (!inModel) continue;
            if (t.Contains("Starting values", StringComparison.OrdinalIgnoreCase)) break;
            if (t.Contains('=') || (model.Count > 0 && t.StartsWith('+'))) model.Add(t);
            else if (model.Count > 0 && t.Length > 0) model.Add(t);
        }
        return string.Join(" ", model);
    }

    private static string[] Split(string s) => s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static double Number(string cell, string source, int line, string column)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw new DataFormatException(source, line, column, $"expected a number, found '{(cell.Length > 40 ? cell[..40] + "…" : cell)}'");
    }
}
