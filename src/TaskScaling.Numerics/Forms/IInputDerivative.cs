namespace TaskScaling.Numerics.Forms;

/// <summary>
/// A one-input form that also knows df/dx, the derivative in its input. Chaining two fitted forms
/// (accuracy of a predicted loss) needs it for the delta method: Var(f(L̂)) ≈ (df/dL)² Var(L̂) + g Σ gᵀ.
/// </summary>
public interface IInputDerivative
{
    double InputDerivative(double x, ReadOnlySpan<double> p);
}
