namespace TaskScaling.Numerics.Training;

/// <summary>
/// The last m curvature pairs (s, y) = (x₊ − x, ∇f₊ − ∇f) of an L-BFGS run, newest first, with sᵀy and yᵀy.
/// A pair is kept only when sᵀy &gt; max(0, 1e-12·yᵀy): without a Wolfe line search this is what keeps the
/// inverse-Hessian approximation positive definite.
/// </summary>
internal sealed class CurvaturePairs
{
    private readonly double[][] _s, _y;
    private readonly double[] _sy, _yy;
    private int _head;

    public CurvaturePairs(int n, int m)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), "at least one pair must be kept");
        _s = new double[m][]; _y = new double[m][];
        for (int k = 0; k < m; k++) { _s[k] = new double[n]; _y[k] = new double[n]; }
        _sy = new double[m]; _yy = new double[m];
    }

    /// <summary>Pairs stored (at most m).</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every pair (restart from steepest descent).</summary>
    public void Clear() => Count = 0;

    /// <summary>Storage slot of the k-th newest pair (k = 0 the newest).</summary>
    public int Slot(int k) => (_head - 1 - k + 2 * _s.Length) % _s.Length;

    public double[] S(int slot) => _s[slot];
    public double[] Y(int slot) => _y[slot];
    public double SY(int slot) => _sy[slot];
    public double YY(int slot) => _yy[slot];

    /// <summary>Stores the pair of a step when it satisfies the curvature condition; returns whether it did.</summary>
    public bool Add(double[] xNew, double[] x, double[] gNew, double[] g)
    {
        var s = _s[_head]; var y = _y[_head];
        for (int i = 0; i < s.Length; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
        double sy = VectorKernels.DotLanes(s, y), yy = VectorKernels.DotLanes(y, y);
        if (!(sy > 0 && sy > 1e-12 * yy)) return false;
        _sy[_head] = sy; _yy[_head] = yy;
        _head = (_head + 1) % _s.Length;
        if (Count < _s.Length) Count++;
        return true;
    }
}
