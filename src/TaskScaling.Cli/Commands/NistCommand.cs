using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using TaskScaling.Numerics.Nist;
using TaskScaling.Data.Nist;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling nist`: the NIST StRD nonlinear-regression suite, one call to <see cref="NistSuite.Run"/>.</summary>
public static class NistCommand
{
    public static Command Create()
    {
        var cmd = new Command("nist", "Fit the 27 NIST StRD nonlinear-regression problems from both starting values and report log relative errors (correct significant digits).");
        var data = new Option<string?>("--data")
        {
            Description = "The NIST StRD folder holding the .dat files (default: <data folder>/nist-strd, the data folder being $TASKSCALING_DATA or ../shared/data).",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Out();
        cmd.Options.Add(data);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var result = NistSuite.Run(NistReader.LoadFolder(Folder(parse.GetValue(data))));
            var text = parse.GetValue(format) switch
            {
                OutputFormat.Json => JsonText(result),
                OutputFormat.Csv => CsvText(result),
                _ => null,
            };
            var outPath = parse.GetValue(output);
            if (text is null) CliOutput.WriteRenderables([Table(result), new Text(result.Summary + "\n")], outPath);
            else CliOutput.WriteText(text, outPath);
            return 0;
        }));
        return cmd;
    }

    /// <summary>The folder given (or its nist-strd sub-folder when given the data root), else the default.</summary>
    private static string Folder(string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return Path.Combine(DataLocation.Resolve(), "nist-strd");
        var full = Path.GetFullPath(given);
        var sub = Path.Combine(full, "nist-strd");
        bool hasDat = Directory.Exists(full) && Directory.EnumerateFiles(full, "*.dat").Any();
        return !hasDat && Directory.Exists(sub) ? sub : full;
    }

    private static string Lre(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string JsonText(NistSuiteResult r)
    {
        var doc = new
        {
            runs = r.Runs.Select(x => new
            {
                problem = x.Problem,
                start = x.Start,
                paramLre = Math.Round(x.ParamLre, 2),
                residualSdLre = Math.Round(x.ResidualSdLre, 2),
                stdErrLre = Math.Round(x.StdErrLre, 2),
                difficulty = x.Difficulty,
                status = x.Status.ToString(),
                iterations = x.Iterations,
                message = x.Message,
            }),
            summary = new
            {
                runs = r.Count,
                paramLreAtLeast6 = r.ParamLreAtLeast(6),
                paramLreAtLeast4 = r.ParamLreAtLeast(4),
                stdErrLreAtLeast3WhereParamsReach6 = r.StdErrOkWhereParamsReachSix,
                meetsAcceptance = r.MeetsAcceptance,
                text = r.Summary,
            },
        };
        return JsonSerializer.Serialize(doc, CliOutput.Json) + "\n";
    }

    private static string CsvText(NistSuiteResult r)
    {
        var sb = new StringBuilder("problem,start,paramLre,residualSdLre,stdErrLre,status,iterations\n");
        foreach (var x in r.Runs)
            sb.Append(CultureInfo.InvariantCulture, $"{x.Problem},{x.Start},{x.ParamLre:0.00},{x.ResidualSdLre:0.00},{x.StdErrLre:0.00},{x.Status},{x.Iterations}\n");
        return sb.ToString();
    }

    private static Table Table(NistSuiteResult r)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title("NIST StRD nonlinear regression: log relative error (correct digits, capped at 11)");
        table.AddColumn("Problem");
        table.AddColumn("Difficulty");
        table.AddColumn(new TableColumn("Start").RightAligned());
        table.AddColumn(new TableColumn("Params\n(worst)").RightAligned());
        table.AddColumn(new TableColumn("Residual\nSD").RightAligned());
        table.AddColumn(new TableColumn("Std. errors\n(worst)").RightAligned());
        table.AddColumn(new TableColumn("Iterations").RightAligned());
        table.AddColumn("Status");
        foreach (var x in r.Runs)
            table.AddRow(x.Problem, x.Difficulty, x.Start.ToString(CultureInfo.InvariantCulture), Lre(x.ParamLre), Lre(x.ResidualSdLre),
                Lre(x.StdErrLre), x.Iterations.ToString(CultureInfo.InvariantCulture), Markup.Escape(x.Status.ToString()));
        return table;
    }
}
