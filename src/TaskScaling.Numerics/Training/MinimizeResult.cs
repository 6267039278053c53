namespace TaskScaling.Numerics.Training;

/// <summary>Outcome of a minimisation.</summary>
public sealed record MinimizeResult(double Value, int Iterations, int Evaluations, bool Converged, string Message);
