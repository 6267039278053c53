using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Numerics.Uncertainty;

/// <summary>Delta-method uncertainty of a fitted model's mean prediction: SE = sqrt(g Σ gᵀ), g = ∂f/∂p at x.</summary>
public static class DeltaMethod
{
    public static double StandardError(IModel model, FitResult fit, ReadOnlySpan<double> x) =>
        throw new NotImplementedException();

    /// <summary>SE of any scalar function h(p) of the parameters given its gradient ∂h/∂p.</summary>
    public static double StandardError(double[,] covariance, ReadOnlySpan<double> gradient) =>
        throw new NotImplementedException();
}
