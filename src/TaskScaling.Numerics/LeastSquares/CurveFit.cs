namespace TaskScaling.Numerics.LeastSquares;

/// <summary>Bounded nonlinear least squares (optionally robust and/or in log space) for an <see cref="IModel"/>.</summary>
/// <remarks>
/// The solver is a bounded, scaled Levenberg–Marquardt (see <see cref="LevenbergMarquardt"/>); the objective
/// is ½Σr² for <see cref="LossKind.Linear"/> and Σρ_δ(r) for <see cref="LossKind.Huber"/>. Nothing here
/// throws for a fit that goes wrong: the result carries a status and a message. Invalid calls (a start of
/// the wrong length, observations of the wrong dimension) throw <see cref="ArgumentException"/>.
/// </remarks>
public static class CurveFit
{
    /// <summary>Fits the model from one starting point.</summary>
    public static FitResult Fit(IModel model, Observations data, double[] start, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(start);
        int m = model.ParameterNames.Count;
        if (start.Length != m)
            throw new ArgumentException($"the start has {start.Length} values, model {model.Name} has {m} parameters", nameof(start));
        if (data.X.Length != data.Y.Length)
            throw new ArgumentException($"{data.X.Length} inputs but {data.Y.Length} outputs", nameof(data));
        return new LevenbergMarquardt(model, data, options ?? new FitOptions(), m).Solve(start);
    }

    /// <summary>Fits from every start (in parallel) and keeps the lowest objective; ties keep the earliest start.</summary>
    /// <remarks>A converged fit beats one that is not, whatever the objectives; among equals the lowest
    /// objective wins and exact ties go to the earliest start, so the choice does not depend on scheduling.</remarks>
    public static FitResult FitMultiStart(IModel model, Observations data, IReadOnlyList<double[]> starts, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Count == 0) throw new ArgumentException("no starting points", nameof(starts));
        var results = new FitResult[starts.Count];
        Parallel.For(0, starts.Count, Parallelism.PerCore, i => results[i] = Fit(model, data, starts[i], options));
        int best = 0;
        for (int i = 1; i < results.Length; i++)
            if (Better(results[i], results[best])) best = i;
        var chosen = results[best];
        return chosen with { Message = $"{chosen.Message} (best of {starts.Count} starts: start {best})" };
    }

    private static bool Better(FitResult a, FitResult b)
    {
        if (a.Success != b.Success) return a.Success;
        if (double.IsNaN(a.Objective)) return false;
        if (double.IsNaN(b.Objective)) return true;
        return a.Objective < b.Objective;
    }
}
