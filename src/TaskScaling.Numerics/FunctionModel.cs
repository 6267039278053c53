namespace TaskScaling.Numerics;

/// <summary>
/// A model built from delegates: f(x, p) and, optionally, its gradient ∂f/∂p. Handy for one-off fits and
/// tests; named model classes are preferable for anything reused.
/// </summary>
public sealed class FunctionModel : IModel
{
    public delegate double Function(ReadOnlySpan<double> x, ReadOnlySpan<double> p);
    public delegate void GradientFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient);

    private readonly Function _f;
    private readonly GradientFunction? _gradient;

    public FunctionModel(string name, IReadOnlyList<string> parameterNames, int inputDimension, Function f, GradientFunction? gradient = null)
    {
        Name = name;
        ParameterNames = parameterNames;
        InputDimension = inputDimension;
        _f = f;
        _gradient = gradient;
    }

    public string Name { get; }
    public IReadOnlyList<string> ParameterNames { get; }
    public int InputDimension { get; }
    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p) => _f(x, p);

    public bool TryGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gradient)
    {
        if (_gradient is null) return false;
        _gradient(x, p, gradient);
        return true;
    }
}
