namespace TaskScaling.Ladder;

/// <summary>A target that was not trained: its name, non-embedding parameters N, training tokens D and (for compute-based
/// predictors) FLOPs per token F. Many at once: <see cref="LadderPredictionRequest.Hypothetical"/>.</summary>
public sealed record HypotheticalTarget(string Name, double Parameters, double Tokens, double? FlopsPerToken = null);
