namespace TaskScaling.Numerics.LeastSquares;

/// <summary>Bounded nonlinear least squares (optionally robust and/or in log space) for an <see cref="IModel"/>.</summary>
public static class CurveFit
{
    /// <summary>Fits the model from one starting point.</summary>
    public static FitResult Fit(IModel model, Observations data, double[] start, FitOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Fits from every start (in parallel) and keeps the lowest objective; ties keep the earliest start.</summary>
    public static FitResult FitMultiStart(IModel model, Observations data, IReadOnlyList<double[]> starts, FitOptions? options = null) =>
        throw new NotImplementedException();
}
