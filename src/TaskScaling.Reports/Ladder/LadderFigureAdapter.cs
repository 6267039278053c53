using System.Globalization;
using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;

namespace TaskScaling.Reports.Ladder;

/// <summary>Everything the ladder figures of one prediction need: the library's prediction and each figure's input.</summary>
public sealed record LadderFigureSet(
    LadderPrediction Prediction,
    IReadOnlyList<Step1FigureData> Step1,
    IReadOnlyList<Step2FigureData> Step2,
    IReadOnlyList<ChainedFigureData> Chained);

/// <summary>
/// Turns the ladder library's results into the figures' input records. The only place that knows the library's
/// types: when they move, this file changes and the figures do not. Points are the ones the prediction prepared
/// (<see cref="LadderPrediction.Points"/>: no file is read again); curves and captions evaluate the prediction's own
/// fitted forms (<see cref="LadderPrediction.Fit"/>), so nothing is fitted twice.
/// </summary>
public static class LadderFigureAdapter
{
    private const int CurvePoints = 80;

    public static LadderFigureSet Build(LadderPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.Variant != LadderVariant.TwoStep)
            throw new InvalidRequestException("figures are drawn for the two-step variant only");
        // The curves and captions use the prediction's own fits (with covariance, whatever the interval method).
        var ladderFit = prediction.Fit ?? throw new InvalidRequestException("figures need the prediction's fits");
        var tasks = prediction.Points ?? throw new InvalidRequestException("figures need the ladder points the prediction prepared (a prediction from a saved fit has none)");
        var fits = tasks.Select(t => ladderFit.Task(t.Task)).ToArray();

        var step1 = new List<Step1FigureData>();
        var step2 = new List<Step2FigureData>();
        var chained = new List<ChainedFigureData>();
        foreach (var target in prediction.Targets)
        {
            var rows = new List<ChainedRow>();
            for (int k = 0; k < tasks.Count; k++)
            {
                var tp = target.Tasks.First(x => string.Equals(x.Task, tasks[k].Task, StringComparison.OrdinalIgnoreCase));
                step1.Add(Step1Of(tasks[k], fits[k], target, tp, prediction));
                step2.Add(Step2Of(tasks[k], fits[k], target, tp, prediction));
                rows.Add(new ChainedRow(tp.Task, tasks[k].Label, Points(tp.Predicted), Points(tp.Lower), Points(tp.Upper), Points(tp.Actual), Points(tp.AbsoluteError)));
            }
            chained.Add(new ChainedFigureData(target.Target, prediction.Level, rows));
        }
        return new LadderFigureSet(prediction, step1, step2, chained);
    }

    private static double? Points(double? v) => v * 100;

    private static Step1FigureData Step1Of(LadderTaskPoints p, LadderTaskFit taskFit, TargetPrediction target, TaskPrediction tp, LadderPrediction prediction)
    {
        var fit = taskFit.Fit;
        double targetF = target.Compute is { } c ? c / target.Tokens : double.NaN;
        var points = p.Step1;
        double minD = points.Min(x => x.D) * 0.7;
        bool usable = fit.Step1.Usable;
        var sizes = new List<Step1Size>();
        foreach (var group in points.Select((pt, i) => (pt, run: p.Runs[i])).GroupBy(x => x.run.Size))
        {
            var pts = group.Select(x => x.pt).ToArray();
            double n = pts[0].N, f = pts[0].F;
            // Over compute the curve runs to the target's C, i.e. to D = C_target / F of this size.
            var dTokens = usable ? LogSpace(minD, target.Tokens, CurvePoints) : [];
            var dCompute = usable && !double.IsNaN(targetF) ? LogSpace(minD, target.Tokens * targetF / f, CurvePoints) : [];
            sizes.Add(new Step1Size(group.Key, n, f, group.Select(x => x.run.Name).ToArray(),
                pts.Select(x => x.D).ToArray(), pts.Select(x => x.C).ToArray(), pts.Select(x => x.X).ToArray(),
                dTokens, dTokens.Select(v => fit.Step1.Predict(n, v)).ToArray(),
                dCompute.Select(v => v * f).ToArray(), dCompute.Select(v => fit.Step1.Predict(n, v)).ToArray()));
        }
        var td = usable ? LogSpace(minD, target.Tokens, CurvePoints) : [];
        return new Step1FigureData
        {
            Task = tp.Task, TaskLabel = p.Label, Target = target.Target,
            FeatureLabel = LadderNames.Label(prediction.Feature),
            Sizes = sizes, TargetN = target.Parameters, TargetTokens = target.Tokens,
            TargetCompute = target.Compute ?? double.NaN,
            TargetCurveTokens = td, TargetCurveLoss = td.Select(v => fit.Step1.Predict(target.Parameters, v)).ToArray(),
            Loss = new TargetValue(tp.PredictedLoss, tp.LossLower, tp.LossUpper, tp.ActualLoss),
            Level = prediction.Level,
            Form = Summary(fit.Step1, Step1DataText(p, taskFit, prediction.Settings), tp.Status == PredictionStatus.Failed ? tp.Message : null),
        };
    }

    private static Step2FigureData Step2Of(LadderTaskPoints p, LadderTaskFit taskFit, TargetPrediction target, TaskPrediction tp, LadderPrediction prediction)
    {
        var f2 = taskFit.Fit.Step2!;
        var settings = prediction.Settings;
        var sizes = p.Runs.Select((r, i) => (r, i)).GroupBy(x => x.r.Size)
            .Select(g => new Step2Size(g.Key,
                g.SelectMany(x => p.Step2[x.i]).Select(q => q.X).ToArray(),
                g.SelectMany(x => p.Step2[x.i]).Select(q => q.Y).ToArray()))
            .ToArray();
        var xsAll = sizes.SelectMany(s => s.Loss).Concat(new[] { tp.PredictedLoss, tp.ActualLoss }.OfType<double>()).DefaultIfEmpty(1).ToArray();
        double maxX = xsAll.Max(), minX = xsAll.Min();
        // With the (0, 1) anchor the curve starts at zero loss; without it, around the data.
        double lo = settings.Step2ExtraPoint ? 0 : Math.Max(0, minX - 0.15 * (maxX - minX)), hi = settings.Step2ExtraPoint ? maxX * 1.08 : maxX + 0.15 * (maxX - minX);
        var xs = f2.Usable ? Enumerable.Range(0, 201).Select(i => lo + (hi - lo) * i / 200).ToArray() : [];
        bool sigmoid = settings.Step2Shape == Step2Shape.Sigmoid && f2.Usable;
        var par = f2.Parameters;
        // Step 2 uses the moving average of the last Step2Window rows of the target (TargetActuals.Step2Loss); the
        // step-1 actual loss may use another window, so the actual point sits at the step-2 loss when windows differ.
        double? actualLoss = tp.ActualLoss;
        return new Step2FigureData
        {
            Task = tp.Task, TaskLabel = p.Label, Target = target.Target,
            FeatureLabel = LadderNames.Label(prediction.Feature),
            Sizes = sizes,
            ExtraPoint = p.ExtraPoint is { } e ? new XY([e.X], [e.Y]) : null,
            Curve = new XY(xs, xs.Select(x => f2.Predict(x)).ToArray()),
            CurveName = f2.Model.Name,
            Floor = sigmoid ? par["a"] + par["b"] : null,
            Ceiling = sigmoid ? par["b"] : null,
            PredictedLoss = tp.PredictedLoss,
            Chained = new TargetValue(tp.Predicted, tp.Lower, tp.Upper, null),
            ActualLoss = actualLoss,
            Step2 = new TargetValue(tp.Step2Predicted, tp.Step2Lower, tp.Step2Upper, tp.Actual),
            Level = prediction.Level,
            Form = Summary(f2, Step2DataText(p, taskFit, settings), tp.Status == PredictionStatus.Failed ? tp.Message : null),
        };
    }

    private static string Step1DataText(LadderTaskPoints p, LadderTaskFit f, LadderSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Runs.Count} ladder runs ({string.Join(", ", p.Runs.Select(r => r.Size).Distinct())}), one point each: the mean of its last {s.Step1Window} checkpoint(s); fit: {Fit(f.Step1Setup)}.");

    private static string Step2DataText(LadderTaskPoints p, LadderTaskFit f, LadderSettings s)
    {
        int n = p.Step2.Sum(x => x.Count);
        var extra = s.Step2ExtraPoint ? " plus the point (0, 1)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{n} checkpoints of {p.Runs.Count} ladder runs after skipping the first {s.Step2Skip:P0} of each run, moving average {s.Step2Window}{extra}; fit: {Fit(f.Step2Setup!)}.");
    }

    private static string Fit(FormSetup s) => s.Options.LogSpace
        ? string.Create(CultureInfo.InvariantCulture, $"log-space Huber loss (δ = {s.Options.HuberDelta:G3}) with bounds")
        : "bounded least squares";

    public static FormSummary Summary(FittedForm f, string data, string? status)
    {
        var names = f.Model.ParameterNames;
        var est = names.Select((n, i) => new ParameterEstimate(Greek(n), f.Fit.Parameters[i],
            i < f.Fit.StandardErrors.Length ? f.Fit.StandardErrors[i] : double.NaN)).ToArray();
        return new FormSummary(Formula(f.Model.Name), est, data, status ?? (f.Usable ? null : f.Fit.Message));
    }

    public static string Greek(string name) => name switch { "alpha" => "α", "beta" => "β", _ => name };

    public static string Formula(string modelName) => modelName switch
    {
        "power law in N and D" => "L(N, D) = exp(a − α ln N) + exp(b − β ln D) + E",
        "power law in compute" => "L(C) = exp(a − α ln C) + E",
        "sigmoid" => "Acc(L) = a / (1 + exp(−k (L − L0))) + b",
        "log-sigmoid" => "Acc(L) = 1 + a · ln(1 + exp(k (L − L0)))",
        _ => modelName,
    };

    /// <summary>n points spaced evenly in log between lo and hi.</summary>
    public static double[] LogSpace(double lo, double hi, int n)
    {
        double a = Math.Log(lo), b = Math.Log(hi);
        return Enumerable.Range(0, n).Select(i => Math.Exp(a + (b - a) * i / (n - 1))).ToArray();
    }

    /// <param name="label">Display name of a task key (default: the key).</param>
    public static ComputeErrorFigureData[] ComputeError(ComputeVsErrorReport report, Func<string, string>? label = null)
    {
        label ??= k => k;
        var byTask = report.Rows.Where(r => r.Series == SubsetSeries.VaryCompute).GroupBy(r => r.Task)
            .Select(g => Line(label(g.Key), g.Where(r => r.ChainedError is not null).OrderBy(r => r.Step), r => r.ChainedError!.Value))
            .ToArray();
        var mean = new[] { SubsetSeries.VaryN, SubsetSeries.VaryXc, SubsetSeries.VaryCompute }
            .Select(s => (s, rows: report.Rows.Where(r => r.Series == s).GroupBy(r => r.Step).OrderBy(g => g.Key)
                .Where(g => g.All(r => r.ChainedError is not null)).ToArray()))
            .Select(t => new ErrorLine(SeriesLabel(t.s), t.rows.Select(g => g.First().TotalCompute).ToArray(),
                t.rows.Select(g => 100 * g.Average(r => r.ChainedError!.Value)).ToArray()))
            .ToArray();
        return
        [
            new ComputeErrorFigureData(report.Target, $"Chained error per task vs ladder compute ({report.Target})",
                "|predicted − actual| / actual (%)", byTask),
            new ComputeErrorFigureData(report.Target, $"Mean chained error vs ladder compute ({report.Target})",
                "mean |predicted − actual| / actual (%)", mean),
        ];
    }

    private static ErrorLine Line(string label, IEnumerable<SubsetError> rows, Func<SubsetError, double> error)
    {
        var r = rows.ToArray();
        return new ErrorLine(label, r.Select(x => x.TotalCompute).ToArray(), r.Select(x => 100 * error(x)).ToArray());
    }

    public static string SeriesLabel(SubsetSeries s) => s switch
    {
        SubsetSeries.VaryN => "vary N (sizes from the smallest)",
        SubsetSeries.VaryXc => "vary xC (multiples from 1×)",
        _ => "vary compute (runs one by one)",
    };

    public static VarianceFigureData Variance(VarianceReport report) => new(report.Run, report.Checkpoints,
        report.Tasks.Select(t => new VarianceRow(t.Task, t.DisplayName ?? t.Task, t.LossSd, 100 * t.LossCv, 100 * t.AccuracySd, 100 * t.AccuracyCv)).ToArray());

    private const int BandPoints = 60;

    /// <summary>Per predictor with usable held-out rows: its errors per task and its pooled calibrated band (from
    /// <paramref name="bands"/>; evaluated, not fitted).</summary>
    public static BacktestErrorFigureData[] BacktestErrors(LadderBacktestResult backtest, IReadOnlyList<BacktestBand>? bands, Func<string, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        var figures = new List<BacktestErrorFigureData>();
        foreach (var kind in backtest.Rows.Select(r => r.Predictor).Distinct())
        {
            var ok = backtest.Rows.Where(r => r.Predictor == kind && r.Error is not null).ToArray();
            if (ok.Length == 0) continue;
            var tasks = ok.GroupBy(r => r.Task).Select(g => new BacktestErrorSeries(g.Key, label?.Invoke(g.Key) ?? g.Key,
                g.Select(r => r.ExtrapolationDistance).ToArray(), g.Select(r => 100 * r.Error!.Value).ToArray())).ToArray();
            XY? band = null;
            string? bandNote = null;
            if (bands?.FirstOrDefault(b => b.Predictor == kind) is { } b && double.IsFinite(b.Kappa) && double.IsFinite(b.ParameterSe))
            {
                double lo = Math.Min(0, ok.Min(r => r.ExtrapolationDistance)), hi = Math.Max(0, ok.Max(r => r.ExtrapolationDistance));
                var x = Enumerable.Range(0, BandPoints).Select(i => lo + (hi - lo) * i / (BandPoints - 1)).ToArray();
                band = new XY(x, x.Select(v => 100 * b.HalfWidth(v)).ToArray());
                bandNote = string.Create(CultureInfo.InvariantCulture,
                    $"Band of {b.Count} held-out predictions: κ = {100 * b.Kappa:0.##} points per decade of distance, σ̄ = {100 * b.ParameterSe:0.##} points, z = {b.Z:0.###}.");
            }
            figures.Add(new BacktestErrorFigureData(LadderNames.Of(kind), backtest.Level, tasks, band, bandNote));
        }
        return figures.ToArray();
    }
}
