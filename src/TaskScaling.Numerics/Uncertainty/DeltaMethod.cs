using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Numerics.Uncertainty;

/// <summary>Delta-method uncertainty of a fitted model's mean prediction: SE = sqrt(g Σ gᵀ), g = ∂f/∂p at x.</summary>
public static class DeltaMethod
{
    /// <summary>SE of the mean prediction f(x; p̂); NaN when the fit has no covariance.</summary>
    public static double StandardError(IModel model, FitResult fit, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.Covariance is null) return double.NaN;
        var p = fit.Parameters;
        Span<double> g = p.Length <= 64 ? stackalloc double[p.Length] : new double[p.Length];
        if (!model.TryGradient(x, p, g)) NumericalGradient.Central(model, x, p, g);
        return StandardError(fit.Covariance, g);
    }

    /// <summary>SE of any scalar function h(p) of the parameters given its gradient ∂h/∂p.</summary>
    public static double StandardError(double[,] covariance, ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int p = gradient.Length;
        if (covariance.GetLength(0) != p || covariance.GetLength(1) != p)
            throw new ArgumentException($"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)}, gradient has {p} entries");
        double v = 0;
        for (int a = 0; a < p; a++)
        {
            if (gradient[a] == 0) continue;
            for (int b = 0; b < p; b++) v += gradient[a] * covariance[a, b] * gradient[b];
        }
        // Rounding can make a tiny variance slightly negative.
        return Math.Sqrt(Math.Max(v, 0));
    }
}
