namespace TaskScaling.Ladder;

/// <summary>A task's fitted steps: step 1 (or the single-step / direct-accuracy form) and step 2 (null when the variant has none).</summary>
public sealed record TaskFit(FittedForm Step1, FittedForm? Step2, double Step1FitError)
{
    public bool Usable => Step1.Usable && (Step2?.Usable ?? true);

    /// <summary>Why the fit is not usable, naming the step.</summary>
    public string? Problem =>
        !Step1.Usable ? $"step 1 fit failed: {Step1.Fit.Message}"
        : Step2 is { Usable: false } ? $"step 2 fit failed: {Step2.Fit.Message}"
        : null;

    /// <summary>Notes on fits that stopped without meeting a convergence test.</summary>
    public string? Note
    {
        get
        {
            var notes = new List<string>();
            if (Step1.Fit.Status == Numerics.LeastSquares.FitStatus.MaxIterationsReached) notes.Add($"step 1: {Step1.Fit.Message}");
            if (Step2?.Fit.Status == Numerics.LeastSquares.FitStatus.MaxIterationsReached) notes.Add($"step 2: {Step2.Fit.Message}");
            return notes.Count == 0 ? null : string.Join("; ", notes);
        }
    }
}
