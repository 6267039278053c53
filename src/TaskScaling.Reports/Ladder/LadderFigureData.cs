namespace TaskScaling.Reports.Ladder;

/// <summary>A fitted parameter and its standard error (NaN when undefined).</summary>
public sealed record ParameterEstimate(string Name, double Value, double StandardError);

/// <summary>What a caption says about a fit: the formula, the estimates and the data it used.</summary>
public sealed record FormSummary(string Formula, IReadOnlyList<ParameterEstimate> Parameters, string Data, string? Status = null);

/// <summary>Points or a line: x and y of equal length.</summary>
public sealed record XY(double[] X, double[] Y);

/// <summary>The target's value on one axis: predicted with its interval (nulls when none) and actual when known.</summary>
public sealed record TargetValue(double? Predicted, double? Lower, double? Upper, double? Actual);

/// <summary>
/// One ladder size in step 1: its runs' points (D, compute C, loss) and its fitted curve L(N, D) twice — over tokens
/// up to the target's D (for the tokens figure) and over compute up to the target's C (for the compute figure).
/// </summary>
public sealed record Step1Size(string Label, double N, double FlopsPerToken, IReadOnlyList<string> Runs,
    double[] Tokens, double[] Compute, double[] Loss,
    double[] CurveTokens, double[] CurveTokensLoss, double[] CurveCompute, double[] CurveComputeLoss);

/// <summary>Step 1 of one task for one target: ladder points by size, each size's curve, the target's curve and prediction.</summary>
public sealed record Step1FigureData
{
    public required string Task { get; init; }
    public required string TaskLabel { get; init; }
    public required string Target { get; init; }
    /// <summary>The feature's axis label, e.g. "task loss (bits per byte)".</summary>
    public required string FeatureLabel { get; init; }
    public required IReadOnlyList<Step1Size> Sizes { get; init; }
    public required double TargetN { get; init; }
    public required double TargetTokens { get; init; }
    /// <summary>Target compute C = D × F (NaN when F is unknown; the compute figure is then not drawn).</summary>
    public required double TargetCompute { get; init; }
    /// <summary>L(N_target, D) over D up to the target's tokens.</summary>
    public required double[] TargetCurveTokens { get; init; }
    public required double[] TargetCurveLoss { get; init; }
    public required TargetValue Loss { get; init; }
    public required double Level { get; init; }
    public required FormSummary Form { get; init; }
}

/// <summary>One ladder size's smoothed step-2 points (loss, accuracy).</summary>
public sealed record Step2Size(string Label, double[] Loss, double[] Accuracy);

/// <summary>Step 2 of one task for one target: the points by size, the fitted sigmoid, floor and ceiling, the target's points.</summary>
public sealed record Step2FigureData
{
    public required string Task { get; init; }
    public required string TaskLabel { get; init; }
    public required string Target { get; init; }
    public required string FeatureLabel { get; init; }
    public required IReadOnlyList<Step2Size> Sizes { get; init; }
    /// <summary>The extra point (0, 1) when the fit used it.</summary>
    public XY? ExtraPoint { get; init; }
    public required XY Curve { get; init; }
    /// <summary>The fitted form's name for the legend, e.g. "sigmoid" or "log-sigmoid".</summary>
    public string CurveName { get; init; } = "sigmoid";
    /// <summary>a + b (sigmoid) — the accuracy at high loss; null for the log-sigmoid.</summary>
    public double? Floor { get; init; }
    /// <summary>b (sigmoid) — the accuracy at zero loss; null for the log-sigmoid.</summary>
    public double? Ceiling { get; init; }
    /// <summary>Chained: at the predicted loss, the predicted accuracy and its interval.</summary>
    public required double? PredictedLoss { get; init; }
    public required TargetValue Chained { get; init; }
    /// <summary>At the actual loss: the step-2 prediction (with interval) and the actual accuracy.</summary>
    public required double? ActualLoss { get; init; }
    public required TargetValue Step2 { get; init; }
    public required double Level { get; init; }
    public required FormSummary Form { get; init; }
}

/// <summary>One task's chained prediction (accuracies in points).</summary>
public sealed record ChainedRow(string Task, string Label, double? Predicted, double? Lower, double? Upper, double? Actual, double? AbsoluteError);

public sealed record ChainedFigureData(string Target, double Level, IReadOnlyList<ChainedRow> Rows);

/// <summary>One line of the error-vs-compute figure: absolute relative errors (%) against the ladder's total compute.</summary>
public sealed record ErrorLine(string Label, double[] Compute, double[] ErrorPercent);

public sealed record ComputeErrorFigureData(string Target, string Title, string YLabel, IReadOnlyList<ErrorLine> Lines);

/// <summary>One task's noise over the run's last checkpoints (SD of loss in bits per byte, of accuracy in points; CV in %).</summary>
public sealed record VarianceRow(string Task, string Label, double LossSd, double LossCvPercent, double AccuracySdPoints, double AccuracyCvPercent);

public sealed record VarianceFigureData(string Run, int Checkpoints, IReadOnlyList<VarianceRow> Rows);

/// <summary>One task's held-out predictions in a predictor's backtest: extrapolation distance log10(C / max C fitted)
/// against the error predicted − actual in points.</summary>
public sealed record BacktestErrorSeries(string Task, string Label, double[] Distance, double[] ErrorPoints);

/// <summary>The figure "error against extrapolation distance" of one predictor: its held-out errors per task and, when
/// the backtest calibrated one, the band's half-width z·sqrt(σ̄² + (κ·max(0, Δ))²) in points over the distances drawn
/// and a caption sentence giving κ and σ̄.</summary>
public sealed record BacktestErrorFigureData(string Predictor, double Level, IReadOnlyList<BacktestErrorSeries> Tasks, XY? Band, string? BandNote);
