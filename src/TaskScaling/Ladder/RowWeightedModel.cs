using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>
/// Least squares with integer row multiplicities without repeating rows: Σ mᵢ (f(xᵢ) − yᵢ)² =
/// Σ (√mᵢ f(xᵢ) − √mᵢ yᵢ)², so a model evaluated at x' = (x, √m) as √m·f(x) against y' = √m·y has the same
/// objective, optimum and Jacobian as the repeated rows. A bootstrap resample of ladder runs repeats each
/// drawn run's step-2 points; this fits them once (about 37% fewer rows). Only for ordinary (linear,
/// non-log) least squares.
/// </summary>
internal sealed class RowWeightedModel(IModel inner) : IModel
{
    public string Name => inner.Name;
    public IReadOnlyList<string> ParameterNames => inner.ParameterNames;
    public int InputDimension => inner.InputDimension + 1;

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) => x[^1] * inner.Evaluate(x[..^1], p);

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient)
    {
        if (!inner.TryGradient(x[..^1], p, gradient)) return false;
        double w = x[^1];
        for (int j = 0; j < p.Length; j++) gradient[j] *= w;
        return true;
    }
}
