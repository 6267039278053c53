namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// The residual vector r(p) and its Jacobian ∂r/∂p for a model and data: r_i = f(x_i; p) − y_i, or in log
/// space r_i = ln f(x_i; p) − ln y_i with ∂r_i/∂p = (∂f/∂p)/f; with weights both are multiplied by √w_i. Buffers are owned by the caller so a fit
/// allocates once. The Jacobian is column-major (entry (i, j) at j·n + i).
/// </summary>
internal sealed class ResidualFunction
{
    private readonly IModel _model;
    private readonly double[][] _x;
    private readonly double[] _target;
    private readonly bool _log;
    private readonly double[]? _lower, _upper;
    private readonly double[]? _sqrtWeight;
    private readonly double[] _gradient;
    private bool _analytic;

    public int Count { get; }
    public int ParameterCount { get; }
    public int Evaluations { get; private set; }

    public ResidualFunction(IModel model, Observations data, int parameterCount, bool logSpace, bool forceFiniteDifferences,
        double[]? lower, double[]? upper, double[]? weights = null)
    {
        _model = model;
        _x = data.X;
        Count = data.Count;
        ParameterCount = parameterCount;
        _log = logSpace;
        _lower = lower;
        _upper = upper;
        _target = new double[Count];
        for (int i = 0; i < Count; i++) _target[i] = logSpace ? Math.Log(data.Y[i]) : data.Y[i];
        _gradient = new double[parameterCount];
        if (weights is not null)
        {
            _sqrtWeight = new double[Count];
            for (int i = 0; i < Count; i++) _sqrtWeight[i] = Math.Sqrt(weights[i]);
        }
        _analytic = !forceFiniteDifferences;
    }

    /// <summary>Fills r and the model values f; false when any residual is not finite.</summary>
    public bool Evaluate(ReadOnlySpan<double> p, Span<double> r, Span<double> f)
    {
        Evaluations++;
        bool finite = true;
        for (int i = 0; i < Count; i++)
        {
            double fi = _model.Evaluate(_x[i], p);
            f[i] = fi;
            double ri = (_log ? Math.Log(fi) : fi) - _target[i];
            if (_sqrtWeight is not null) ri *= _sqrtWeight[i];
            r[i] = ri;
            if (!double.IsFinite(ri)) finite = false;
        }
        return finite;
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (var e in v) if (!double.IsFinite(e)) return false;
        return true;
    }

    /// <summary>Fills the Jacobian at p, given the model values f at p. False when an entry is not finite.</summary>
    public bool Jacobian(ReadOnlySpan<double> p, ReadOnlySpan<double> f, double[] jac)
    {
        int n = Count, m = ParameterCount;
        bool finite = true;
        for (int i = 0; i < n; i++)
        {
            if (!_analytic || !_model.TryGradient(_x[i], p, _gradient))
            {
                // A model without an analytic gradient says so on its first call; stay with differences.
                _analytic = false;
                NumericalGradient.Compute(_model, _x[i], p, _gradient, _lower, _upper);
            }
            else if (!AllFinite(_gradient))
            {
                // An analytic formula can overflow (e.g. 0·∞ in a saturated sigmoid) where differences do not.
                NumericalGradient.Compute(_model, _x[i], p, _gradient, _lower, _upper);
            }
            double scale = (_log ? 1.0 / f[i] : 1.0) * (_sqrtWeight?[i] ?? 1.0);
            for (int j = 0; j < m; j++)
            {
                double v = _gradient[j] * scale;
                jac[j * n + i] = v;
                if (!double.IsFinite(v)) finite = false;
            }
        }
        return finite;
    }
}
