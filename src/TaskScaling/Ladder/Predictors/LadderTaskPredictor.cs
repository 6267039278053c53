namespace TaskScaling.Ladder;

/// <summary>
/// One task's predictor in a <see cref="LadderFit"/> made with a predictor (<see cref="LadderFit.Predictor"/>): what
/// predicts the task (the choice, with its member fits, backtest error and κ), how far a target lies beyond the ladder
/// runs (Δ of the calibrated interval), and the noise and signal behind the predictability flag. Everything a prediction
/// needs, so that a saved fit predicts the same numbers as the ladder data.
/// </summary>
public sealed record LadderTaskPredictor
{
    public required string Task { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>What predicts targets that all have FLOPs per token (every target when the ladder runs lack F).</summary>
    public required LadderPredictorChoice Choice { get => _choice.Value; init => _choice = new(value); }

    /// <summary>Auto only: its choice among the predictors that do not need F, for a request with a target without F;
    /// null when it is <see cref="Choice"/>.</summary>
    public LadderPredictorChoice? WithoutFlopsPerToken { get => _withoutF?.Value; init => _withoutF = value is null ? null : new(value); }

    private Lazy<LadderPredictorChoice> _choice = null!;
    private Lazy<LadderPredictorChoice>? _withoutF;

    /// <summary>Δ = max(0, log10 of the target's N, D and compute over the largest of the ladder runs):
    /// the largest N, D and compute of the runs, compute being D·F when every run has F (else 6·N·D).</summary>
    public required double MaxParameters { get; init; }
    public required double MaxTokens { get; init; }
    public required double MaxCompute { get; init; }
    public required bool ComputeUsesFlopsPerToken { get; init; }

    /// <summary>The predictability flag's inputs: noise of the largest runs (null when unknown), signal across sizes and the
    /// largest rung's final accuracy (fractions).</summary>
    public double? Noise { get; init; }
    public required double Signal { get; init; }
    public required double LargestRung { get; init; }

    /// <summary>The choices made on demand (a fresh fit makes the one its targets do not use only when asked for).</summary>
    internal LadderTaskPredictor WithChoices(Lazy<LadderPredictorChoice> choice, Lazy<LadderPredictorChoice>? withoutF) =>
        this with { _choice = choice, _withoutF = withoutF };

    /// <summary>The choice for a request whose targets all have F (<paramref name="targetsHaveF"/>) or not.</summary>
    internal LadderPredictorChoice For(bool targetsHaveF) => targetsHaveF ? Choice : WithoutFlopsPerToken ?? Choice;

    /// <summary>Every choice whose predictor is a variant holds its bootstrap refits (or its fit failed).</summary>
    internal bool HasBootstrap => new[] { Choice, WithoutFlopsPerToken }.All(c => c is null || !TaskPredictors.IsVariant(c.Predictor)
        || c.Members[0].Fit is { } f && (f.Bootstrap is not null || !f.Fit.Usable));

    internal ExtrapolationReach Reach => new(MaxParameters, MaxTokens, MaxCompute, ComputeUsesFlopsPerToken);

    internal PredictabilityAnalysis.Measure Measure => new(Noise, Signal, LargestRung);
}
