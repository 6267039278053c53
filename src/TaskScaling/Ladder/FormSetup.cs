using TaskScaling.Numerics;
using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Ladder;

/// <summary>A functional form with the start, bounds and fit options the method uses for it.</summary>
public sealed record FormSetup(IModel Model, double[] Start, double[] Lower, double[] Upper, FitOptions Options)
{
    public int ParameterCount => Start.Length;

    /// <summary>Fits the form; <paramref name="start"/> overrides the method's start (bootstrap refits start at the full-data optimum).</summary>
    /// <param name="options">Override of the fit options (bounds are always the setup's).</param>
    public FittedForm Fit(Observations data, double[]? start = null, bool covariance = true, FitOptions? options = null) =>
        new(Model, FitResult(Model, data, start, covariance, options));

    /// <summary>Fits another model with this setup's start, bounds and options (e.g. the row-weighted wrapper).</summary>
    internal FitResult FitResult(IModel model, Observations data, double[]? start, bool covariance, FitOptions? options = null)
    {
        var o = (options ?? Options) with { Lower = Lower, Upper = Upper, ComputeCovariance = covariance };
        return CurveFit.Fit(model, data, start ?? Start, o);
    }
}
