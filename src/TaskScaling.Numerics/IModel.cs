namespace TaskScaling.Numerics;

/// <summary>
/// A parametric function y = f(x; p) of an input vector x (e.g. x = (N, D)) and parameters p.
/// Models that know their derivatives return them from <see cref="TryGradient"/>; the others
/// return false and the fitters fall back to finite differences.
/// </summary>
public interface IModel
{
    string Name { get; }
    IReadOnlyList<string> ParameterNames { get; }
    int InputDimension { get; }
    double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p);
    /// <summary>Fills ∂f/∂p at (x, p); returns false when no analytic gradient exists.</summary>
    bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient);
}
