namespace TaskScaling.Ladder;

// The payload of a fit made with a predictor (LadderFitPayload.Predictors; envelope version 2).

/// <summary>One task's predictor: its choice, auto's choice without FLOPs per token (when it differs), the reach of the
/// ladder runs (Δ) and the predictability flag's inputs.</summary>
internal sealed record LadderTaskPredictorPayload
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }
    public required LadderPredictorChoicePayload Choice { get; init; }
    public LadderPredictorChoicePayload? WithoutFlopsPerToken { get; init; }
    public required LadderReachPayload Reach { get; init; }
    public required LadderPredictabilityPayload Predictability { get; init; }
}

/// <summary>The predictor that makes the numbers: its name, backtest MAE, κ at the fit's level, a note and its members.</summary>
internal sealed record LadderPredictorChoicePayload
{
    public required string Predictor { get; init; }
    public double? BacktestError { get; init; }
    public double? Kappa { get; init; }
    public string? Note { get; init; }
    public required IReadOnlyList<LadderPredictorMemberPayload> Members { get; init; }
}

/// <summary>A fitted member: a variant's fit, the direct power law, or the largest rung's value; or why it failed.</summary>
internal sealed record LadderPredictorMemberPayload
{
    public required string Predictor { get; init; }
    public double? Weight { get; init; }
    public LadderTaskFitPayload? Fit { get; init; }
    public FittedFormPayload? Direct { get; init; }
    public double? Value { get; init; }
    public string? Problem { get; init; }
}

/// <summary>The largest N, D and compute of the ladder runs, and whether compute is D·F (else 6·N·D).</summary>
internal sealed record LadderReachPayload
{
    [System.Text.Json.Serialization.JsonPropertyName("params")]
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    public required double Compute { get; init; }
    public required bool ComputeUsesFlopsPerToken { get; init; }
}

/// <summary>Noise of the largest runs (absent when unknown), signal across sizes, the largest rung's final accuracy.</summary>
internal sealed record LadderPredictabilityPayload
{
    public double? Noise { get; init; }
    public required double Signal { get; init; }
    public required double LargestRung { get; init; }
}
