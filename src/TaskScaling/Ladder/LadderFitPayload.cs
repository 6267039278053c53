namespace TaskScaling.Ladder;

// The payload of a saved ladder fit (kind "ladder", envelope version 1; see SavedFitFile). Plain records with
// the file's member names (camelCase); choices are stored by their stable names (LadderNames, FormRegistry),
// never by enum spelling, so that a fit saved by one build loads in the next. Adding an optional member is
// compatible; renaming or removing one needs a new envelope version.

/// <summary>A saved ladder fit: how it was made, the targets of the original run, and each task's fits.</summary>
internal sealed record LadderFitPayload
{
    /// <summary>The ladder description's name.</summary>
    public required string Description { get; init; }
    /// <summary>two-step, flops, single-step or direct-accuracy.</summary>
    public required string Variant { get; init; }
    /// <summary>bpb, c4 or ce.</summary>
    public required string Feature { get; init; }
    public required LadderFitSettingsPayload Settings { get; init; }
    /// <summary>Start of step-2 a as requested: absent = −1, "NaN" = chance − 1.</summary>
    public double? Step2StartA { get; init; }
    public required LadderFitIntervalPayload Interval { get; init; }
    /// <summary>Names of the ladder runs fitted on.</summary>
    public required IReadOnlyList<string> LadderRuns { get; init; }
    public required IReadOnlyList<LadderFitTargetPayload> Targets { get; init; }
    /// <summary>A variant's task fits (empty for a predictor fit).</summary>
    public required IReadOnlyList<LadderTaskFitPayload> Tasks { get; init; }
    /// <summary>The predictor the fit was made with (absent: the variant alone).</summary>
    public string? Predictor { get; init; }
    /// <summary>With a predictor: each task's choice, members, κ and reach.</summary>
    public IReadOnlyList<LadderTaskPredictorPayload>? Predictors { get; init; }
}

/// <summary>The data-preparation settings (LadderSettings).</summary>
internal sealed record LadderFitSettingsPayload
{
    public required int Step1Window { get; init; }
    public required int Step2Window { get; init; }
    public required double Step2Skip { get; init; }
    public required bool Step2ExtraPoint { get; init; }
    /// <summary>sigmoid or log-sigmoid.</summary>
    public required string Step2Shape { get; init; }
    /// <summary>Step-1 points per ladder run; absent = 1.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Step1Checkpoints { get; init; }
}

/// <summary>The interval of the original run; resamples and seed for bootstrap intervals.</summary>
internal sealed record LadderFitIntervalPayload
{
    /// <summary>none, delta or bootstrap.</summary>
    public required string Method { get; init; }
    public required double Level { get; init; }
    public int? Resamples { get; init; }
    public int? Seed { get; init; }
}

/// <summary>A target of the original run: N, D, F and its actual scores by task.</summary>
internal sealed record LadderFitTargetPayload
{
    public required string Name { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("params")]
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    public double? FlopsPerToken { get; init; }
    public Dictionary<string, LadderFitActualsPayload> Actuals { get; init; } = [];
}

/// <summary>What a target scored on a task: the feature as step 1 and step 2 see it, and the accuracy.</summary>
internal sealed record LadderFitActualsPayload
{
    public required double Step1Loss { get; init; }
    public required double Step2Loss { get; init; }
    public required double Accuracy { get; init; }
}

/// <summary>One task: its chance level, the fitted step 1 and step 2, and the bootstrap refits.</summary>
internal sealed record LadderTaskFitPayload
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }
    public required double Chance { get; init; }
    /// <summary>Mean over the ladder points of |L̂ − L| / L.</summary>
    public required double Step1FitError { get; init; }
    public required FittedFormPayload Step1 { get; init; }
    /// <summary>Absent for variants without a ladder-fitted step 2.</summary>
    public FittedFormPayload? Step2 { get; init; }
    public BootstrapFitsPayload? Bootstrap { get; init; }
}

/// <summary>A fitted form: which form (registry key), how it was fitted, and the fit's results.</summary>
internal sealed record FittedFormPayload
{
    /// <summary>Stable key of the form (FormRegistry), e.g. power-law-nd, sigmoid.</summary>
    public required string Form { get; init; }
    /// <summary>The form's readable name (informative; the key decides).</summary>
    public string? Formula { get; init; }
    public required IReadOnlyList<string> ParameterNames { get; init; }
    public required double[] Parameters { get; init; }
    public required double[] StandardErrors { get; init; }
    /// <summary>s²(JᵀJ)⁻¹, row by row; absent where undefined.</summary>
    public double[][]? Covariance { get; init; }
    public required double ResidualStandardDeviation { get; init; }
    public double ResidualSumOfSquares { get; init; }
    public int DegreesOfFreedom { get; init; }
    public double Objective { get; init; }
    public int Iterations { get; init; }
    public int FunctionEvaluations { get; init; }
    /// <summary>converged, max-iterations-reached or failed.</summary>
    public required string Status { get; init; }
    public required string Message { get; init; }
    public int[] ActiveBounds { get; init; } = [];
    public required FormSetupPayload Setup { get; init; }
}

/// <summary>How a form was fitted: start, bounds and the loss.</summary>
internal sealed record FormSetupPayload
{
    public required double[] Start { get; init; }
    public required double[] Lower { get; init; }
    public required double[] Upper { get; init; }
    /// <summary>linear (least squares) or huber.</summary>
    public required string Loss { get; init; }
    public double HuberDelta { get; init; }
    public bool LogSpace { get; init; }
    public int MaxIterations { get; init; }
    public double FunctionTolerance { get; init; }
    public double StepTolerance { get; init; }
    public double GradientTolerance { get; init; }
}

/// <summary>Bootstrap refits: the parameter vectors of every resample whose fits were usable.</summary>
internal sealed record BootstrapFitsPayload
{
    public required int Resamples { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<ResampleFitPayload> Samples { get; init; }
}

internal sealed record ResampleFitPayload
{
    public required int Resample { get; init; }
    public required double[] Step1 { get; init; }
    public double[]? Step2 { get; init; }
}
