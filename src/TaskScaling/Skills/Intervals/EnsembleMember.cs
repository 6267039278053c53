namespace TaskScaling.Skills;

/// <summary>
/// One member of a prediction's ensemble: its seed, the calibration families whose larger models it did not see, its training
/// MAE (fraction) and its predictions of the asked models (one array of benchmarks per model, fractions).
/// </summary>
public sealed record EnsembleMember(int Seed, IReadOnlyList<string> HeldOutFamilies, double TrainingMae, double[][] Predictions);
