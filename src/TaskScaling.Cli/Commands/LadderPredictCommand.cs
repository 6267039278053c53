using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Ladder;
using TaskScaling.Reports;
using TaskScaling.Reports.Ladder;
using static TaskScaling.Cli.CliOutput;
using static TaskScaling.Cli.Commands.LadderOutput;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `ladder predict` (chained accuracy), `ladder step1` (task loss from N, D) and `ladder step2` (accuracy from
/// the target's actual loss): one call to <see cref="LadderPredictor.Predict(LadderDescription, LadderPredictionRequest)"/>, shown three ways.
/// </summary>
internal static class LadderPredictCommand
{
    public static Command Create(LadderView view)
    {
        var o = new LadderOptions();
        var (name, help) = view switch
        {
            LadderView.Step1 => ("step1", "Step 1 alone: predict each task's loss of the target from (N, D) and compare with the actual loss."),
            LadderView.Step2 => ("step2", "Step 2 alone: predict each task's accuracy of the target from its actual loss."),
            _ => ("predict", "Predict the target's accuracy on each task (step 1 chained into step 2); with no target, both paper targets."),
        };
        var cmd = new Command(name, help);
        o.AddPredictionOptionsTo(cmd);
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw this command's figures (PNG and SVG per target and task) into this folder (must be new or empty; not the working folder or one above it).",
        };
        cmd.Options.Add(plot);
        var fit = new Option<string?>("--fit")
        {
            Description = "Predict from a saved fit (see --save-fit) instead of fitting: no data is read. Give targets of the fit (--target) "
                + "or --params/--tokens[/--flops-per-token]; --tasks, --interval and --level may be given, the rest is the fit's.",
        };
        var saveFit = new Option<string?>("--save-fit")
        {
            Description = "Also save the fit (forms, parameters, covariance, bootstrap refits, the predictor's choice, weights and calibration, settings, targets, input checksums) to this JSON file.",
        };
        var targets = new Option<string?>("--targets")
        {
            Description = "Predict many hypothetical targets at once: a CSV with the columns name, params, tokens[, flopsPerToken] (counts raw or as 70B, 15T). One fit, every row predicted from it.",
        };
        cmd.Options.Add(fit);
        cmd.Options.Add(saveFit);
        cmd.Options.Add(targets);
        if (view == LadderView.Chained) o.AddPredictorOptionTo(cmd, plot);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var fitPath = parse.GetValue(fit);
            var savePath = parse.GetValue(saveFit);
            var plotDir = parse.GetValue(plot);
            LadderPrediction prediction;
            // Many hypothetical targets: the request carries them, and one fit (or the saved one) predicts them all.
            IReadOnlyList<HypotheticalTarget>? many = null;
            if (parse.GetValue(targets) is { } targetsPath)
            {
                foreach (var option in new Option[] { o.Target, o.Params, o.Tokens, o.FlopsPerToken, plot })
                    if (parse.GetResult(option) is { Implicit: false })
                        throw new InvalidRequestException($"{option.Name} cannot be used with --targets (the file gives the targets)");
                many = LadderTargetsFile.Read(targetsPath);
            }
            if (fitPath is not null)
            {
                SavedFitOnly(parse, o, plot, saveFit);
                var saved = LadderFitFile.Read(fitPath).Payload;
                if (view != LadderView.Chained && saved.Predictor is { } predictor)
                    throw new InvalidRequestException($"ladder {cmd.Name} shows a variant's fits; this fit was made with the {LadderNames.Of(predictor)} predictor (save one with --variant)");
                prediction = saved.Predict(o.RequestFrom(saved, parse) with { Hypothetical = many });
            }
            else
            {
                var description = o.Description(parse);
                var request = o.Request(parse) with { Hypothetical = many };
                if (plotDir is not null) ReportFolder.Check(plotDir, force: false);   // fail before the work, not after
                if (plotDir is not null && request.Predictor is not null && !(request.Predictor is LadderPredictorKind.TwoStep or LadderPredictorKind.SingleStep or LadderPredictorKind.Flops && request.Interval != IntervalMethod.Calibrated))
                    throw new InvalidRequestException("--plot draws a variant's fits: give --variant, or --predictor two-step, single-step or flops with --interval delta, bootstrap or none");
                if (savePath is not null)
                {
                    if (request.Variant == LadderVariant.Mc)
                        throw new InvalidRequestException("--save-fit: the mc variant fits step 2 on each target's own checkpoints, so its fit cannot predict by itself");
                    RequireFolder(savePath);
                }
                prediction = LadderProgress.Predict(description, request);
                if (plotDir is not null)
                {
                    var plotView = view switch
                    {
                        LadderView.Step1 => LadderPlotView.Step1,
                        LadderView.Step2 => LadderPlotView.Step2,
                        _ => LadderPlotView.Chained,
                    };
                    LadderPlots.Write(prediction, plotView, plotDir);
                }
                if (savePath is not null) LadderFitFile.Write(savePath, prediction, description);
            }
            var outPath = parse.GetValue(o.Out);
            switch (parse.GetValue(o.Format))
            {
                case OutputFormat.Json: WriteText(ToJson(prediction, view) + "\n", outPath); break;
                case OutputFormat.Csv: WriteText(ToCsv(prediction), outPath); break;
                default: WriteRenderables(Tables(prediction, view), outPath); break;
            }
            var tasks = prediction.Targets.SelectMany(t => t.Tasks.Select(k => (t.Target, k))).ToList();
            return CliRunner.Outcome(tasks.Where(x => x.k.Status == PredictionStatus.Failed).Select(x => $"{x.Target}/{x.k.Task}").ToList(), tasks.Count, "task predictions");
        }));
        return cmd;
    }

    /// <summary>Everything that decides how the fit is made belongs to the fit: refused with --fit.</summary>
    private static void SavedFitOnly(ParseResult parse, LadderOptions o, Option plot, Option saveFit)
    {
        foreach (var option in new Option[] { o.Ladder, o.Data, o.Variant, o.Feature, o.MovingAverage, o.Step1Checkpoints, o.Skip, o.Resamples, o.Seed, plot, saveFit, o.Predictor })
            if (parse.GetResult(option) is { Implicit: false })
                throw new InvalidRequestException($"{option.Name} cannot be used with --fit: the saved fit fixes it (refit on the data to change it)");
    }

    /// <summary>A file to be written later must have an existing folder: say so before the work, not after.</summary>
    private static void RequireFolder(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir))
            throw new DataFormatException(path, null, null, "cannot write: the folder does not exist");
    }

    private static string Title(LadderPrediction p, TargetPrediction t)
    {
        var how = p.Variant switch
        {
            LadderVariant.TwoStep => $"{LadderNames.Of(p.Variant)}, {LadderNames.Of(p.Feature)}",
            _ => LadderNames.Of(p.Variant),
        };
        if (p.Predictor is { } predictor) how = $"predictor {LadderNames.Of(predictor)}, {LadderNames.Of(p.Feature)}";
        var interval = p.Interval switch
        {
            IntervalMethod.Calibrated => $"{Pct(p.Level)} calibrated intervals (delta widened by the ladder's backtest error)",
            IntervalMethod.Delta => $"{Pct(p.Level)} delta-method intervals",
            IntervalMethod.Bootstrap => $"{Pct(p.Level)} bootstrap intervals ({p.Resamples} resamples of ladder runs)",
            _ => "no intervals",
        };
        return $"{t.Target} (N = {Big(t.Parameters)}, D = {Big(t.Tokens)}) — {how}, moving average {p.Settings.Step2Window}, skip {Pct(p.Settings.Step2Skip)}; {interval}";
    }

    /// <summary>The warnings that concern the view: step 1's in `step1`, step 2's in `step2`, all in `predict` (its
    /// number chains both).</summary>
    private static TaskPrediction Shown(TaskPrediction k, LadderView view)
    {
        if (k.Warnings is null || view == LadderView.Chained) return k;
        var keep = k.Warnings.Where(view == LadderView.Step1 ? FitWarnings.ConcernsStep1 : FitWarnings.ConcernsStep2).ToArray();
        return k with { Warnings = keep.Length > 0 ? keep : null };
    }

    internal static IEnumerable<IRenderable> Tables(LadderPrediction p, LadderView view)
    {
        foreach (var target in p.Targets)
        {
            var t = target with { Tasks = target.Tasks.Select(k => Shown(k, view)).ToArray() };
            yield return new Text(Title(p, t) + "\n");
            var table = new Table().Border(TableBorder.Rounded);
            var level = $"{Pct(p.Level)} interval";
            switch (view)
            {
                case LadderView.Step1:
                    table.AddColumns("Task", "Actual\nloss", "Predicted\nloss", "Rel.\nerror", level, "Fit\nerror");
                    foreach (var k in t.Tasks)
                        AddRow(table, k.DisplayName ?? k.Task, F(k.ActualLoss, "F4"), Status(k, F(k.PredictedLoss, "F4")),
                            Percent(k.LossRelativeError, signed: true), Range(k.LossLower, k.LossUpper, v => F(v, "F4")), Percent(k.Step1FitError));
                    break;
                case LadderView.Step2:
                    table.AddColumns("Task", "Actual\nloss", "Actual", "Predicted", "Abs. err\n(pts)", "Rel.\nerror", level);
                    foreach (var k in t.Tasks)
                        AddRow(table, k.DisplayName ?? k.Task, F(k.ActualLoss, "F4"), Points(k.Actual), Status(k, Points(k.Step2Predicted)),
                            Points(k.Step2AbsoluteError), Percent(k.Step2RelativeError, signed: true), Range(k.Step2Lower, k.Step2Upper, Points));
                    break;
                case LadderView.Chained when p.Predictor is not null:
                    // Within 100 columns: relative errors and losses are in JSON and CSV.
                    table.AddColumns("Task", "Predictor", "Backtest\nMAE (pts)", "Actual", "Predicted", "Abs. err\n(pts)", level);
                    foreach (var k in t.Tasks)
                        AddRow(table, PredictabilityOutput.TaskCell(k), k.Predictor ?? "–", k.BacktestError is { } b ? Points(b) : "–", Points(k.Actual),
                            Status(k, Points(k.Predicted)), Points(k.AbsoluteError),
                            Range(k.Lower, k.Upper, Points) + (k.Covered == false ? $" {OutsideMarker}" : ""));
                    break;
                default:
                    table.AddColumns("Task", "Actual", "Predicted", "Abs. err\n(pts)", "Rel.\nerror", level, "Pred.\nloss", "Actual\nloss");
                    foreach (var k in t.Tasks)
                        AddRow(table, k.DisplayName ?? k.Task, Points(k.Actual), Status(k, Points(k.Predicted)), Points(k.AbsoluteError),
                            Percent(k.RelativeError), Range(k.Lower, k.Upper, Points), F(k.PredictedLoss, "F4"), F(k.ActualLoss, "F4"));
                    break;
            }
            if (view != LadderView.Step1) table.Caption("accuracy in points (×100)");
            yield return table;
            if (p.Predictor is not null && view == LadderView.Chained && Coverage(t) is { } c)
                yield return new Text($"  mean abs error {F(100 * c.MeanAbsoluteError, "F2")} pt; actual inside the {Pct(p.Level)} interval: {c.Inside} of {c.Count}"
                    + (c.Inside < c.Count ? $" ({OutsideMarker}: outside)" : "") + "\n");
            if (p.Predictor is not null && view == LadderView.Chained)
                foreach (var line in PredictabilityOutput.Footnotes(t)) yield return line;
            foreach (var k in t.Tasks.Where(k => k.Message is not null))
                yield return new Markup($"  [grey]{Markup.Escape(k.Task)}: {Markup.Escape(k.Message!)}[/]\n");
            foreach (var k in t.Tasks.Where(k => k.Warnings is { Count: > 0 }))
                yield return new Markup($"  [yellow]{WarningMarker} {Markup.Escape(k.Task)}: {Markup.Escape(string.Join("; ", k.Warnings!))}[/]\n");
            yield return new Text("\n");
        }
    }

    internal static void AddRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)).ToArray());

    /// <summary>The marker of an interval that misses the actual.</summary>
    internal const string OutsideMarker = "✗";

    /// <summary>Per target over the tasks with an actual: mean |predicted − actual| (a fraction) and how many intervals hold the actual.</summary>
    internal sealed record TargetCoverage(double MeanAbsoluteError, int Inside, int Count);

    internal static TargetCoverage? Coverage(TargetPrediction t)
    {
        var known = t.Tasks.Where(k => k.Predicted is not null && k.Actual is not null).ToArray();
        if (known.Length == 0) return null;
        return new TargetCoverage(known.Average(k => Math.Abs(k.Predicted!.Value - k.Actual!.Value)), known.Count(k => k.Covered == true),
            known.Count(k => k.Covered is not null));
    }

    /// <summary>The marker of a prediction with warnings (footnoted under its table).</summary>
    internal const string WarningMarker = "†";

    private static string Status(TaskPrediction k, string value) =>
        k.Status == PredictionStatus.Failed ? "failed" : k.Warnings is { Count: > 0 } ? $"{value} {WarningMarker}" : value;

    internal static string ToJson(LadderPrediction p, LadderView view)
    {
        var items = new JsonArray();
        foreach (var t in p.Targets)
        {
            var node = new JsonObject
            {
                ["target"] = t.Target,
                ["params"] = t.Parameters,
                ["tokens"] = t.Tokens,
                ["variant"] = LadderNames.Of(p.Variant),
                ["feature"] = LadderNames.Of(p.Feature),
                ["interval"] = LadderNames.Of(p.Interval),
                ["level"] = p.Level,
            };
            if (t.Compute is { } c) node["compute"] = c;
            if (p.Predictor is { } predictor)
            {
                node["predictor"] = LadderNames.Of(predictor);
                if (view == LadderView.Chained && Coverage(t) is { } cov)
                    node["coverage"] = new JsonObject { ["meanAbsoluteError"] = cov.MeanAbsoluteError, ["covered"] = cov.Inside, ["count"] = cov.Count };
            }
            var tasks = new JsonArray();
            foreach (var k in t.Tasks)
            {
                var full = ToNode(Shown(k, view))!.AsObject();
                var keep = view switch
                {
                    LadderView.Step1 => new[] { "task", "status", "message", "warnings", "predictedLoss", "actualLoss", "lossLower", "lossUpper", "lossRelativeError", "step1FitError", "step1Parameters" },
                    LadderView.Step2 => ["task", "status", "message", "warnings", "actualLoss", "actual", "step2Predicted", "step2Lower", "step2Upper", "step2AbsoluteError", "step2RelativeError", "step2Parameters"],
                    _ => null,
                };
                if (keep is not null)
                    foreach (var key in full.Select(kv => kv.Key).ToList())
                        if (!keep.Contains(key)) full.Remove(key);
                tasks.Add(full);
            }
            node["tasks"] = tasks;
            items.Add(node);
        }
        // One shape whatever the number of targets (docs/output.md).
        return new JsonObject { ["targets"] = items }.ToJsonString(Json);
    }

    internal static string ToCsv(LadderPrediction p)
    {
        var header = new[]
        {
            "target", "params", "tokens", "task", "status", "predicted", "actual", "lower", "upper", "absoluteError", "relativeError",
            "predictedLoss", "actualLoss", "lossLower", "lossUpper", "lossRelativeError", "step2Predicted", "step2Lower", "step2Upper",
            "step2AbsoluteError", "step2RelativeError", "message", "warnings",
        };
        // Predictors add their columns at the end (a variant's CSV is unchanged).
        string[] added = p.Predictor is null ? [] : ["predictor", "intervalMethod", "covered", "backtestError", .. PredictabilityOutput.CsvColumns];
        var rows = p.Targets.SelectMany(t => t.Tasks.Select(k => new object?[]
        {
            t.Target, t.Parameters, t.Tokens, k.Task, k.Status.ToString().ToLowerInvariant(), k.Predicted, k.Actual, k.Lower, k.Upper,
            k.AbsoluteError, k.RelativeError, k.PredictedLoss, k.ActualLoss, k.LossLower, k.LossUpper, k.LossRelativeError,
            k.Step2Predicted, k.Step2Lower, k.Step2Upper, k.Step2AbsoluteError, k.Step2RelativeError, k.Message,
            k.Warnings is { Count: > 0 } w ? string.Join("; ", w) : null,
        }.Concat(added.Length == 0 ? [] : (object?[])[k.Predictor, k.IntervalMethod, k.Covered is { } cv ? (cv ? "true" : "false") : null, k.BacktestError, .. PredictabilityOutput.CsvValues(k)])));
        return Csv([.. header, .. added], rows);
    }
}
