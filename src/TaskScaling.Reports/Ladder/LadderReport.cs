using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScottPlot;
using TaskScaling.Data;
using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;
using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Html;

namespace TaskScaling.Reports.Ladder;

/// <summary>What a ladder report shows: the study computed by the library (<see cref="LadderStudy.Run"/>) on a description.</summary>
public sealed record LadderReportInput
{
    /// <summary>The description the study was made on (task labels, the footer's inputs; no file is read).</summary>
    public required LadderDescription Description { get; init; }
    /// <summary>The prediction with its prepared points, and the analyses when they were asked for.</summary>
    public required LadderStudy Study { get; init; }
    /// <summary>Shown in the footer: how the report was asked for (e.g. the command line).</summary>
    public string? Command { get; init; }
    /// <summary>Shown in the footer: the data folder.</summary>
    public string? DataFolder { get; init; }
    /// <summary>The date in the footer (default: now, UTC).</summary>
    public DateTimeOffset? Date { get; init; }
}

public sealed record LadderReportResult(string Folder, IReadOnlyList<string> Figures, LadderPrediction Prediction);

/// <summary>
/// The ladder report: a folder with index.html, every figure as SVG and PNG, and report.json with the numbers.
/// Written whole or not at all (<see cref="ReportFolder"/>). It draws what the study holds: nothing is read or fitted here.
/// </summary>
public static class LadderReport
{
    public static JsonSerializerOptions Json => JsonConventions.Indented;

    /// <summary>Everything the report draws, computed once (no files written).</summary>
    public sealed record Contents(
        LadderFigureSet Figures,
        ComputeVsErrorReport? ComputeVsError,
        VarianceReport? Variance,
        IReadOnlyList<string> Notes,
        IReadOnlyDictionary<string, string> TaskLabels)
    {
        /// <summary>The ladder's backtest and its pooled calibrated bands (the backtest section), when the study ran it.</summary>
        public LadderBacktestResult? Backtest { get; init; }
        public IReadOnlyList<BacktestBand>? BacktestBands { get; init; }
    }

    /// <summary>The report's contents from the study: the figures' input and the notes (nothing is computed here).</summary>
    public static Contents ContentsOf(LadderReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var study = input.Study;
        var set = LadderFigureAdapter.Build(study.Prediction);
        var notes = new List<string>();
        if (study.Analyses && study.BacktestProblem is { } e2) notes.Add($"Backtest not drawn: {e2}");
        if (study.Analyses && study.FirstTargetIsRun)
        {
            if (study.ComputeVsErrorProblem is { } e0) notes.Add($"Error vs ladder compute not drawn: {e0}");
            if (study.VarianceProblem is { } e1) notes.Add($"Variance analysis not drawn: {e1}");
        }
        else if (study.Analyses)
            notes.Add("The compute-vs-error and variance analyses need a target run with actual scores; not drawn for a hypothetical target.");
        var labels = input.Description.Tasks.ToDictionary(t => t.Name, t => t.Label, StringComparer.OrdinalIgnoreCase);
        return new Contents(set, study.ComputeVsError, study.Variance, notes, labels) { Backtest = study.Backtest, BacktestBands = study.BacktestBands };
    }

    /// <summary>The figures of the report: name, caption title, caption lines, plot builder.</summary>
    public static IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Caption, Func<Plot> Plot)> Figures(Contents c)
    {
        var list = new List<(string, string, IReadOnlyList<string>, Func<Plot>)>();
        foreach (var ch in c.Figures.Chained.Where(ch => ch.Rows.Any(r => r.Actual is not null && r.Predicted is not null)))
            list.Add(($"{Safe(ch.Target)}-chained", $"Chained predictions for {ch.Target}",
                [$"Predicted (step 1 chained into step 2) against actual accuracy per task, with {Pct(ch.Level)} intervals; dashed: predicted = actual. Legend: error in points."],
                () => LadderFigures.Chained(ch)));
        foreach (var s1 in c.Figures.Step1)
        {
            var caption = Caption(s1.Form, Step1Prediction(s1));
            if (double.IsFinite(s1.TargetCompute))
                list.Add(($"{Safe(s1.Target)}-{Safe(s1.Task)}-step1-compute", $"{s1.TaskLabel}: step 1 against training compute ({s1.Target})", caption,
                    () => LadderFigures.Step1Compute(s1)));
            list.Add(($"{Safe(s1.Target)}-{Safe(s1.Task)}-step1-tokens", $"{s1.TaskLabel}: step 1 against training tokens ({s1.Target})", caption,
                () => LadderFigures.Step1Tokens(s1)));
        }
        foreach (var s2 in c.Figures.Step2)
            list.Add(($"{Safe(s2.Target)}-{Safe(s2.Task)}-step2", $"{s2.TaskLabel}: step 2 ({s2.Target})", Caption(s2.Form, Step2Prediction(s2)),
                () => LadderFigures.Step2(s2)));
        if (c.ComputeVsError is { } cve)
        {
            var figs = LadderFigureAdapter.ComputeError(cve, k => c.TaskLabels.TryGetValue(k, out var l) ? l : k);
            string data = $"Task bits per byte as the feature (whatever --feature), step 1 and step 2 refitted on subsets of the ladder (start a = chance − 1); x is the subset's total nominal compute Σ F·N·20·k (the reference plots the compute of the run added last). Target {cve.Target}.";
            list.Add(("compute-error-by-task", figs[0].Title, [data, "Runs sorted by nominal compute and added one at a time; one line per task."], () => LadderFigures.ComputeError(figs[0])));
            list.Add(("compute-error-by-series", figs[1].Title, [data, "Mean over tasks, for sizes added from the smallest (vary N), multiples added from 1× (vary xC), and runs added by compute."],
                () => LadderFigures.ComputeError(figs[1])));
        }
        if (c.Backtest is { } bt)
            foreach (var d in LadderFigureAdapter.BacktestErrors(bt, c.BacktestBands, k => c.TaskLabels.TryGetValue(k, out var l) ? l : k))
                list.Add(($"backtest-error-{Safe(d.Predictor)}", $"Backtest of {d.Predictor}: error against extrapolation distance",
                    [$"Each point is one ladder run predicted at its final checkpoint by the {d.Predictor} predictor fitted on smaller runs only (a backtest fold); x is log10 of its compute over the largest compute fitted on, y the error predicted − actual in points.",
                     $"Shaded: the calibrated {Pct(d.Level)} band ± z·sqrt(σ̄² + (κ·Δ)²) with κ pooled over every task's rows, σ̄ the root mean square of their parameter SEs and Δ = max(0, x) (a row's own Δ also counts N and D beyond the fitted runs, so its interval may be wider)."
                     + (d.BandNote is { } note ? " " + note : " No band: the backtest could not calibrate one.")],
                    () => LadderFigures.BacktestError(d)));
        if (c.Variance is { } v)
        {
            var vd = LadderFigureAdapter.Variance(v);
            string data = $"Raw values (no moving average, no skip) of the last {v.Checkpoints} checkpoints of {v.Run}; population SD (divisor n); CV = SD / mean.";
            list.Add(("variance-cv", $"Coefficient of variation per task ({v.Run})", [data], () => LadderFigures.VarianceCv(vd)));
            list.Add(("variance-sd", $"SD of accuracy against SD of task loss ({v.Run})", [data], () => LadderFigures.VarianceSd(vd)));
        }
        return list;
    }

    public static LadderReportResult Write(LadderReportInput input, string outDir, bool force)
    {
        ReportFolder.Check(outDir, force);
        var contents = ContentsOf(input);
        var figures = Figures(contents);
        var rendered = new RenderedFigure[figures.Count];
        Parallel.For(0, figures.Count, i => rendered[i] = FigureRenderer.Render(figures[i].Plot(), figures[i].Name));
        var html = Html(input, contents, figures, rendered);
        var json = JsonSerializer.Serialize(new
        {
            tool = ReportMarker.Tool, version = ReportsAssembly.Version,
            kind = ReportMarker.LadderReport, files = ReportMarker.Files(rendered, "index.html"),
            prediction = contents.Figures.Prediction,
            figures = new { step1 = contents.Figures.Step1, step2 = contents.Figures.Step2, chained = contents.Figures.Chained },
            computeVsError = contents.ComputeVsError, variance = contents.Variance,
            backtest = contents.Backtest, backtestBands = contents.BacktestBands, notes = contents.Notes,
        }, Json);
        var folder = ReportFolder.Write(outDir, force, dir =>
        {
            foreach (var f in rendered) f.WriteTo(dir);
            File.WriteAllText(Path.Combine(dir, "report.json"), json + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(dir, "index.html"), html, new UTF8Encoding(false));
        });
        return new LadderReportResult(folder, rendered.Select(r => r.Name).ToArray(), contents.Figures.Prediction);
    }

    private static string Html(LadderReportInput input, Contents c, IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Caption, Func<Plot> Plot)> figures,
        RenderedFigure[] rendered)
    {
        var p = c.Figures.Prediction;
        var targets = string.Join(", ", p.Targets.Select(t => t.Target));
        var doc = new HtmlDocument($"Ladder report: {targets}");
        var byName = rendered.Select((r, i) => (r, i)).ToDictionary(t => t.r.Name, t => t.i);
        void Fig(string name)
        {
            if (!byName.TryGetValue(name, out var i)) return;
            doc.Figure(rendered[i], figures[i].Title, figures[i].Caption);
        }
        doc.Paragraph($"Task scaling laws from a model ladder (Bhagia et al. 2024): step 1 predicts each task's {LadderNames.Label(p.Feature)} from the target's parameters N and tokens D; step 2 maps it to accuracy. {Pct(p.Level)} intervals by the {IntervalName(p.Interval)}. Accuracies in % (points); report.json has every number.");
        foreach (var note in c.Notes) doc.Paragraph(note, "note");
        foreach (var t in p.Targets)
        {
            doc.Heading($"Predictions for {t.Target}", 2, $"target-{Safe(t.Target)}");
            doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"N = {t.Parameters:G4} parameters, D = {t.Tokens:G4} tokens{(t.Compute is { } cc ? $", C = {cc:G4} FLOPs" : "")}."));
            doc.Table(
                ["Task", "Predicted (%)", $"{Pct(p.Level)} interval", "Actual (%)", "Abs. error (pts)", "Predicted loss", "Loss interval", "Actual loss", "Step 2 at actual loss (%)", "Status"],
                t.Tasks.Select(k => (IReadOnlyList<Cell>)
                [
                    new Cell(k.DisplayName ?? k.Task),
                    Num(k.Predicted, 100, "F2", $"{t.Target}/{k.Task}/predicted"),
                    Cell.Interval(k.Lower, k.Upper, 100, "F2", $"{t.Target}/{k.Task}/lower", $"{t.Target}/{k.Task}/upper"),
                    Num(k.Actual, 100, "F2", $"{t.Target}/{k.Task}/actual"),
                    Num(k.AbsoluteError, 100, "F2", $"{t.Target}/{k.Task}/absoluteError"),
                    Num(k.PredictedLoss, 1, "F4", $"{t.Target}/{k.Task}/predictedLoss"),
                    Cell.Interval(k.LossLower, k.LossUpper, 1, "F4", $"{t.Target}/{k.Task}/lossLower", $"{t.Target}/{k.Task}/lossUpper"),
                    Num(k.ActualLoss, 1, "F4", $"{t.Target}/{k.Task}/actualLoss"),
                    Num(k.Step2Predicted, 100, "F2", $"{t.Target}/{k.Task}/step2Predicted"),
                    new Cell(k.Status == PredictionStatus.Failed ? $"failed: {k.Message}" : k.Message ?? "ok"),
                ]).ToList(),
                $"predictions-{Safe(t.Target)}", $"Predictions for {t.Target}: accuracies in %, losses as the feature's units; every number in report.json");
            PredictabilityTable(doc, t);
            Fig($"{Safe(t.Target)}-chained");
            foreach (var k in t.Tasks)
            {
                doc.Heading($"{k.DisplayName ?? k.Task} ({t.Target})", 3, $"{Safe(t.Target)}-{Safe(k.Task)}");
                Fig($"{Safe(t.Target)}-{Safe(k.Task)}-step1-compute");
                Fig($"{Safe(t.Target)}-{Safe(k.Task)}-step1-tokens");
                Fig($"{Safe(t.Target)}-{Safe(k.Task)}-step2");
            }
        }
        if (c.Backtest is { } backtest) BacktestSection(doc, backtest, Fig);
        if (c.ComputeVsError is not null || c.Variance is not null) doc.Heading("Analyses", 2, "analyses");
        Fig("compute-error-by-task");
        Fig("compute-error-by-series");
        if (c.Variance is { } v)
        {
            Fig("variance-cv");
            Fig("variance-sd");
            doc.Table(["Task", "Loss mean", "Loss SD", "Loss CV (%)", "Accuracy mean (%)", "Accuracy SD (pts)", "Accuracy CV (%)", "Step 1 rel. error (%)", "Step 2 rel. error (%)", "Chained rel. error (%)"],
                v.Tasks.Select(r => (IReadOnlyList<Cell>)
                [
                    new Cell(r.DisplayName ?? r.Task), Num(r.LossMean, 1, "F4", null), Num(r.LossSd, 1, "F4", $"variance/{r.Task}/lossSd"),
                    Num(r.LossCv, 100, "F2", null), Num(r.AccuracyMean, 100, "F2", null), Num(r.AccuracySd, 100, "F2", $"variance/{r.Task}/accuracySd"),
                    Num(r.AccuracyCv, 100, "F2", null), Num(r.Step1RelativeError, 100, "F2", null), Num(r.Step2RelativeError, 100, "F2", null),
                    Num(r.ChainedRelativeError, 100, "F2", null),
                ]).ToList(), "variance", $"Variance over the last {v.Checkpoints} checkpoints of {v.Run}, beside the errors for {v.Target}");
        }
        var footer = new List<(string, string)>
        {
            ("Inputs", $"{input.Description.Source} ({input.Description.Name}); run files in {input.Description.BaseDirectory}" + (input.DataFolder is { } df ? $"; data folder {df}" : "")),
            ("Options", string.Create(CultureInfo.InvariantCulture,
                $"variant {LadderNames.Of(p.Variant)}, feature {LadderNames.Of(p.Feature)}, step-1 window {p.Settings.Step1Window}, step-2 moving average {p.Settings.Step2Window}, skip {p.Settings.Step2Skip:P0}, extra point {(p.Settings.Step2ExtraPoint ? "yes" : "no")}, interval {IntervalName(p.Interval)} at {Pct(p.Level)}{(p.Resamples is { } r ? $", {r} resamples, seed {input.Study.Request.Seed}" : "")}")),
            ("Command", input.Command ?? "LadderReport.Write"),
            ("Tool", $"taskscaling {ReportsAssembly.Version} (ScottPlot figures, font {FigureFonts.Family})"),
            ("Date", (input.Date ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        };
        return doc.ToHtml(footer);
    }

    /// <summary>Each task's predictability flag for the target (after Heineman et al. 2025): noise, signal, their ratio and the predicted change.</summary>
    private static void PredictabilityTable(HtmlDocument doc, TargetPrediction t)
    {
        var rows = t.Tasks.Where(k => k.Predictability is not null).ToArray();
        if (rows.Length == 0) return;
        doc.Table(["Task", "Noise SD (pts)", "Signal (pts)", "Signal / noise", "Predicted change (pts)", "Low predictability"],
            rows.Select(k => (IReadOnlyList<Cell>)
            [
                new Cell(k.DisplayName ?? k.Task),
                Num(k.Predictability!.Noise, 100, "F2", $"{t.Target}/{k.Task}/predictability/noise"),
                Num(k.Predictability.Signal, 100, "F2", $"{t.Target}/{k.Task}/predictability/signal"),
                Num(k.Predictability.Ratio, 1, "F1", $"{t.Target}/{k.Task}/predictability/ratio"),
                Num(k.Predictability.PredictedChange, 100, "F2", $"{t.Target}/{k.Task}/predictability/predictedChange"),
                new Cell(k.Predictability.Flagged ? $"yes: {k.Predictability.Reason}" : "no"),
            ]).ToList(),
            $"predictability-{Safe(t.Target)}",
            $"Predictability for {t.Target}: noise = pooled SD of accuracy over the last 10 checkpoints of the largest-N ladder runs; signal = max − min over sizes of the mean final accuracy; "
            + "flagged when |predicted − largest rung| ≤ 2 × noise or the predictor's backtest error exceeds that change");
    }

    /// <summary>The backtest: the per-predictor summary over every task and each predictor's error-against-distance figure.</summary>
    private static void BacktestSection(HtmlDocument doc, LadderBacktestResult b, Action<string> fig)
    {
        doc.Heading("Backtest", 2, "backtest");
        var ran = b.Folds.Where(f => f.Skipped is null).ToArray();
        doc.Paragraph($"How far to trust the ladder, measured on itself: {ran.Length} folds ({ran.Sum(f => f.HeldOutRuns.Count)} held-out runs) fit every predictor on smaller runs and predict larger ones at their final checkpoint; {Pct(b.Level)} {LadderNames.Of(b.Interval)} intervals, leave-one-size-out. Interval score: width + 2/α × distance outside (Winkler).");
        doc.Table(["Predictor", "Predictions", "MAE (pts)", "Coverage (%)", "Mean width (pts)", "Interval score (pts)"],
            b.Summary.Where(s => s.Task == "all").Select(s => (IReadOnlyList<Cell>)
            [
                new Cell(LadderNames.Of(s.Predictor)),
                new Cell((s.Count + (s.Failed > 0 ? $" ({s.Failed} failed)" : "")).ToString(CultureInfo.InvariantCulture)),
                Num(s.MeanAbsoluteError, 100, "F2", $"backtest/{LadderNames.Of(s.Predictor)}/meanAbsoluteError"),
                Num(s.Coverage, 100, "F1", $"backtest/{LadderNames.Of(s.Predictor)}/coverage"),
                Num(s.MeanWidth, 100, "F2", $"backtest/{LadderNames.Of(s.Predictor)}/meanWidth"),
                Num(s.IntervalScore, 100, "F2", $"backtest/{LadderNames.Of(s.Predictor)}/intervalScore"),
            ]).ToList(), "backtest-summary", "Backtest over all tasks per predictor: accuracies in points; every row in report.json");
        foreach (var kind in b.Summary.Where(s => s.Task == "all").Select(s => LadderNames.Of(s.Predictor)))
            fig($"backtest-error-{Safe(kind)}");
    }

    internal static IReadOnlyList<string> Caption(FormSummary f, string prediction)
    {
        var lines = new List<string> { $"Fitted form: {f.Formula}." };
        lines.Add("Estimates ± SE: " + string.Join(", ", f.Parameters.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Name} = {e.Value:G4} ± {(double.IsFinite(e.StandardError) ? e.StandardError.ToString("G3", CultureInfo.InvariantCulture) : "n/a")}"))) + ".");
        lines.Add($"Data: {f.Data}");
        if (prediction.Length > 0) lines.Add(prediction);
        if (f.Status is { } s) lines.Add($"Status: {s}");
        return lines;
    }

    private static string Step1Prediction(Step1FigureData d) => d.Loss.Predicted is { } p
        ? string.Create(CultureInfo.InvariantCulture,
            $"{d.Target}: predicted {p:F4}{(d.Loss.Lower is { } lo && d.Loss.Upper is { } hi ? $" [{lo:F4}, {hi:F4}]" : "")}{(d.Loss.Actual is { } a ? $", actual {a:F4}" : "")}.")
        : "";

    private static string Step2Prediction(Step2FigureData d) => string.Create(CultureInfo.InvariantCulture,
        $"{d.Target}: chained {Points(d.Chained.Predicted)}{Interval(d.Chained)} at predicted loss {d.PredictedLoss:F4}; step 2 {Points(d.Step2.Predicted)}{Interval(d.Step2)} at actual loss {d.ActualLoss:F4}; actual {Points(d.Step2.Actual)} (accuracy in %).");

    private static string Interval(TargetValue v) => v.Lower is { } lo && v.Upper is { } hi
        ? string.Create(CultureInfo.InvariantCulture, $" [{100 * lo:F2}, {100 * hi:F2}]") : "";

    private static string Points(double? v) => v is { } x ? (100 * x).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static Cell Num(double? v, double scale, string format, string? key) =>
        v is { } x ? new Cell((scale * x).ToString(format, CultureInfo.InvariantCulture), x, key) : new Cell("–");

    private static string Pct(double level) => (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string IntervalName(IntervalMethod m) => m switch
    {
        IntervalMethod.Delta => "delta method",
        IntervalMethod.Bootstrap => "bootstrap over ladder runs",
        _ => "none (no intervals)",
    };

    /// <summary>A file-name-safe form of a label.</summary>
    public static string Safe(string s) => Regex.Replace(s, "[^A-Za-z0-9_.-]+", "_");
}
