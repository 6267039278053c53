using System.Globalization;
using ScottPlot;
using Palette = TaskScaling.Reports.Figures.Palette;
using TaskScaling.Reports.Figures;
using static TaskScaling.Reports.Figures.PlotParts;

namespace TaskScaling.Reports.Ladder;

/// <summary>
/// The ladder paper's figures (Bhagia et al. 2024, Figures 1–4 and the variance and compute analyses), drawn from
/// the input records of <see cref="Step1FigureData"/>, <see cref="Step2FigureData"/> and the others in LadderFigureData.cs. Each method returns the plot (so tests can read what was
/// handed to it); <see cref="FigureRenderer.Render"/> turns it into PNG and SVG.
/// </summary>
public static class LadderFigures
{
    private static string Pct(double level) => (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Step 1: task loss against training compute C = D·F (log axis), points and curves by size, the target.</summary>
    public static Plot Step1Compute(Step1FigureData d) => Step1(d, byCompute: true);

    /// <summary>Step 1 against training tokens D (log axis).</summary>
    public static Plot Step1Tokens(Step1FigureData d) => Step1(d, byCompute: false);

    private static Plot Step1(Step1FigureData d, bool byCompute)
    {
        var plot = FigureRenderer.NewPlot();
        for (int i = 0; i < d.Sizes.Count; i++)
        {
            var s = d.Sizes[i];
            var color = Palette.Of(i);
            var (cx, cy) = byCompute ? (s.CurveCompute, s.CurveComputeLoss) : (s.CurveTokens, s.CurveTokensLoss);
            if (cy.Length > 0) Line(plot, LogAxis.Log10(cx), cy, color, null, 1.2f);
            Points(plot, LogAxis.Log10(byCompute ? s.Compute : s.Tokens), s.Loss, color, $"{s.Label} ladder runs", 7);
        }
        double targetF = d.TargetCompute / d.TargetTokens;
        double tx = Math.Log10(byCompute ? d.TargetCompute : d.TargetTokens);
        if (d.TargetCurveLoss.Length > 0)
            Line(plot, LogAxis.Log10(d.TargetCurveTokens.Select(v => byCompute ? v * targetF : v)), d.TargetCurveLoss, Palette.Target,
                $"fit at N of {d.Target}", 1.5f, dashed: true);
        if (d.Loss.Predicted is { } p)
            PointWithInterval(plot, tx, p, d.Loss.Lower, d.Loss.Upper, Palette.Target,
                d.Loss.Lower is null ? $"{d.Target} predicted" : $"{d.Target} predicted ({Pct(d.Level)} interval)");
        if (d.Loss.Actual is { } a)
            plot.Add.Marker(tx, a, MarkerShape.FilledDiamond, 11, Palette.Actual).LegendText = $"{d.Target} actual";
        LogAxis.Apply(plot.Axes.Bottom);
        plot.XLabel(byCompute ? "Training compute C = D × F (FLOPs, log scale)" : "Training tokens D (log scale)");
        plot.YLabel(Capitalise(d.FeatureLabel));
        plot.Title($"{d.TaskLabel}: step 1, {d.FeatureLabel} → {d.Target}");
        LegendRight(plot);
        return plot;
    }

    /// <summary>Step 2: accuracy (%) against the feature; points by size, the fitted sigmoid with floor and ceiling, the target.</summary>
    public static Plot Step2(Step2FigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        for (int i = 0; i < d.Sizes.Count; i++)
        {
            var s = d.Sizes[i];
            var pts = Points(plot, s.Loss, s.Accuracy.Select(v => 100 * v).ToArray(), Palette.Of(i).WithAlpha(0.6), $"{s.Label} checkpoints", 4);
            pts.MarkerLineWidth = 0;
        }
        if (d.ExtraPoint is { } e)
            Points(plot, e.X, e.Y.Select(v => 100 * v).ToArray(), Palette.Grey, "(0, 1) anchor point", 7, MarkerShape.OpenCircle);
        if (d.Curve.X.Length > 0)
            Line(plot, d.Curve.X, d.Curve.Y.Select(v => 100 * v).ToArray(), Palette.Target, $"fitted {d.CurveName}", 2f);
        if (d.Floor is { } floor)
        {
            var h = plot.Add.HorizontalLine(100 * floor, 1, Palette.Grey, LinePattern.Dotted);
            h.LegendText = string.Create(CultureInfo.InvariantCulture, $"floor a + b = {100 * floor:0.0}");
        }
        if (d.Ceiling is { } ceiling)
        {
            var h = plot.Add.HorizontalLine(100 * ceiling, 1, Palette.Grey, LinePattern.Dashed);
            h.LegendText = string.Create(CultureInfo.InvariantCulture, $"ceiling b = {100 * ceiling:0.0}");
        }
        if (d.PredictedLoss is { } pl && d.Chained.Predicted is { } pa)
            PointWithInterval(plot, pl, 100 * pa, d.Chained.Lower * 100, d.Chained.Upper * 100, Palette.Target,
                $"{d.Target} chained (predicted loss)");
        if (d.ActualLoss is { } al)
        {
            if (d.Step2.Predicted is { } sp)
                PointWithInterval(plot, al, 100 * sp, d.Step2.Lower * 100, d.Step2.Upper * 100, Palette.Step2,
                    $"{d.Target} step 2 (actual loss)", MarkerShape.FilledTriangleUp, 10);
            if (d.Step2.Actual is { } aa)
                plot.Add.Marker(al, 100 * aa, MarkerShape.FilledDiamond, 11, Palette.Actual).LegendText = $"{d.Target} actual";
        }
        // Accuracy lives in [0, 100]; a fitted curve may leave it (the log-sigmoid does) — keep the axis on it.
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(Math.Max(-3, limits.Bottom), Math.Min(103, limits.Top));
        plot.XLabel(Capitalise(d.FeatureLabel));
        plot.YLabel("Accuracy (%)");
        plot.Title($"{d.TaskLabel}: step 2, {d.FeatureLabel} → accuracy");
        LegendRight(plot);
        return plot;
    }

    /// <summary>Chained predictions against the actual accuracy, with interval bars, the diagonal and each task's error.</summary>
    public static Plot Chained(ChainedFigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        var rows = d.Rows.Where(r => r.Predicted is not null && r.Actual is not null).ToArray();
        if (rows.Length == 0)
            plot.Add.Annotation("no actual accuracies for this target", Alignment.MiddleCenter);
        if (rows.Length > 0)
        {
            double lo = rows.Min(r => Math.Min(r.Actual!.Value, r.Lower ?? r.Predicted!.Value));
            double hi = rows.Max(r => Math.Max(r.Actual!.Value, r.Upper ?? r.Predicted!.Value));
            double pad = (hi - lo) * 0.08 + 1;
            Line(plot, [lo - pad, hi + pad], [lo - pad, hi + pad], Palette.Grey, "predicted = actual", 1, dashed: true);
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                PointWithInterval(plot, r.Actual!.Value, r.Predicted!.Value, r.Lower, r.Upper, Palette.Of(i),
                    string.Create(CultureInfo.InvariantCulture, $"{r.Label}: {r.Predicted - r.Actual:+0.0;−0.0} pts"), MarkerShape.FilledCircle, 8);
            }
            plot.Axes.SetLimits(lo - pad, hi + pad, lo - pad, hi + pad);
        }
        plot.XLabel("Actual accuracy (%)");
        plot.YLabel("Predicted accuracy (%)");
        plot.Title($"Chained predictions for {d.Target} ({Pct(d.Level)} intervals)");
        LegendRight(plot);
        return plot;
    }

    /// <summary>Error against the ladder's total compute (log axis), one line per series.</summary>
    public static Plot ComputeError(ComputeErrorFigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        for (int i = 0; i < d.Lines.Count; i++)
        {
            var l = d.Lines[i];
            var s = plot.Add.Scatter(LogAxis.Log10(l.Compute), l.ErrorPercent, Palette.Of(i));
            s.LegendText = l.Label;
            s.MarkerSize = 5;
            s.LineWidth = 1.5f;
        }
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimitsY(0, Math.Max(1, d.Lines.SelectMany(l => l.ErrorPercent).DefaultIfEmpty(1).Max() * 1.08));
        plot.XLabel("Total ladder compute Σ F·N·20·k (FLOPs, log scale)");
        plot.YLabel(Capitalise(d.YLabel));
        plot.Title(d.Title);
        LegendRight(plot);
        return plot;
    }

    /// <summary>Coefficient of variation of loss and accuracy per task (grouped bars), tasks sorted by loss SD.</summary>
    public static Plot VarianceCv(VarianceFigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        var bars = new List<Bar>();
        for (int i = 0; i < d.Rows.Count; i++)
        {
            bars.Add(new Bar { Position = 3 * i, Value = d.Rows[i].LossCvPercent, FillColor = Palette.Of(0), Size = 0.9 });
            bars.Add(new Bar { Position = 3 * i + 1, Value = d.Rows[i].AccuracyCvPercent, FillColor = Palette.Of(1), Size = 0.9 });
        }
        plot.Add.Bars(bars);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "CV of task loss", FillColor = Palette.Of(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "CV of accuracy", FillColor = Palette.Of(1) });
        plot.Axes.Bottom.SetTicks(d.Rows.Select((_, i) => 3.0 * i + 0.5).ToArray(), d.Rows.Select(r => r.Label).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("Coefficient of variation SD / mean (%)");
        plot.XLabel("Task (sorted by loss SD, largest first)");
        plot.Title($"Noise over the last {d.Checkpoints} checkpoints of {d.Run}");
        LegendRight(plot);
        return plot;
    }

    /// <summary>SD of accuracy (points) against SD of task loss (bits per byte), one labelled point per task.</summary>
    public static Plot VarianceSd(VarianceFigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        for (int i = 0; i < d.Rows.Count; i++)
        {
            var r = d.Rows[i];
            plot.Add.Marker(r.LossSd, r.AccuracySdPoints, MarkerShape.FilledCircle, 9, Palette.Of(i)).LegendText = r.Label;
        }
        plot.Axes.Margins(0.1, 0.15);
        plot.XLabel("SD of task loss (bits per byte)");
        plot.YLabel("SD of accuracy (points)");
        plot.Title($"SD over the last {d.Checkpoints} checkpoints of {d.Run}");
        LegendRight(plot);
        return plot;
    }

    /// <summary>A predictor's backtest errors (points) against extrapolation distance, one colour per task, with its
    /// calibrated band shaded and zero error as a guide.</summary>
    public static Plot BacktestError(BacktestErrorFigureData d)
    {
        var plot = FigureRenderer.NewPlot();
        if (d.Band is { } band)
        {
            var fill = plot.Add.FillY(band.X, band.Y, band.Y.Select(v => -v).ToArray());
            fill.FillStyle.Color = Palette.Grey.WithAlpha(0.2);
            fill.LineStyle.Width = 0;
            fill.LegendText = $"calibrated {Pct(d.Level)} band";
        }
        plot.Add.HorizontalLine(0, 1, Palette.Grey, LinePattern.Dashed);
        for (int i = 0; i < d.Tasks.Count; i++)
            Points(plot, d.Tasks[i].Distance, d.Tasks[i].ErrorPoints, Palette.Of(i), d.Tasks[i].Label, 7);
        plot.XLabel("Extrapolation distance log10(C / largest C fitted)");
        plot.YLabel("Held-out error predicted − actual (points)");
        plot.Title($"Backtest of {d.Predictor}");
        LegendRight(plot);
        return plot;
    }
}

