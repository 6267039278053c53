namespace TaskScaling.Numerics.Training;

/// <summary>The state of one <see cref="Lbfgs"/> minimisation: its buffers, curvature pairs and active set.</summary>
internal sealed class LbfgsRun
{
    private readonly Lbfgs.Objective _f;
    private readonly double[] _x, _lower;
    private readonly LbfgsOptions _options;
    /// <summary>
    /// Bounds were given. Without them the active set stays empty, the projection is a no-op and the line search
    /// uses plain L-BFGS's arithmetic (see <see cref="SufficientDecrease"/>); bounds that are all −∞ keep the
    /// projected arithmetic, so each overload of <see cref="Lbfgs.Minimize(Lbfgs.Objective, double[], LbfgsOptions?)"/>
    /// computes what it always did (the two differ in rounding only).
    /// </summary>
    private readonly bool _bounded;
    private readonly double[] _g, _xNew, _gNew, _dir;
    private readonly int[] _active;
    private int _activeCount;
    private readonly CurvaturePairs _pairs;
    private readonly double[] _alpha, _syFree;
    private double _fx;
    private int _evaluations;

    /// <param name="lower">The bounds, or null for an unconstrained run.</param>
    public LbfgsRun(Lbfgs.Objective f, double[] x, double[]? lower, LbfgsOptions options)
    {
        int n = x.Length, m = options.History;
        _f = f; _x = x; _options = options;
        _bounded = lower is not null;
        if (lower is null) { lower = new double[n]; Array.Fill(lower, double.NegativeInfinity); }
        _lower = lower;
        _g = new double[n]; _xNew = new double[n]; _gNew = new double[n]; _dir = new double[n];
        _active = new int[n];
        _pairs = new CurvaturePairs(n, m);
        _alpha = new double[m]; _syFree = new double[m];
    }

    public MinimizeResult Minimize()
    {
        int n = _x.Length;
        for (int i = 0; i < n; i++) if (_x[i] < _lower[i]) _x[i] = _lower[i];
        _evaluations = 1;
        _fx = _f(_x, _g);
        if (!double.IsFinite(_fx)) return Result(0, false, "objective not finite at the start");
        var stall = new DecreaseWindow(_options.Window, _options.RelativeTolerance, _fx);
        for (int iter = 1; iter <= _options.MaxIterations; iter++)
        {
            if (ProjectedGradientNorm() < _options.GradientTolerance)
                return Result(iter - 1, true, _bounded ? "projected gradient below tolerance" : "gradient below tolerance");
            double slope = Direction();
            if (!LineSearch(slope, out double fNew))
            {
                if (_pairs.Count > 0) { _pairs.Clear(); continue; } // retry once with the (projected) steepest descent
                return Result(iter, true, "line search found no decrease");
            }
            _pairs.Add(_xNew, _x, _gNew, _g);
            Array.Copy(_xNew, _x, n); Array.Copy(_gNew, _g, n);
            _fx = fNew;
            if (stall.Stalled(iter, _fx)) return Result(iter, true, "relative decrease below tolerance");
        }
        return Result(_options.MaxIterations, false, "iteration limit reached");
    }

    private MinimizeResult Result(int iterations, bool converged, string message) =>
        new(_fx, iterations, _evaluations, converged, message);

    /// <summary>Finds the active set A = {i : x_i ≤ l_i, g_i &gt; 0}; returns ‖g‖∞ over the free set.</summary>
    private double ProjectedGradientNorm()
    {
        double norm = 0;
        _activeCount = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            if (_bounded && _x[i] <= _lower[i] && _g[i] > 0) _active[_activeCount++] = i;
            else norm = Math.Max(norm, Math.Abs(_g[i]));
        }
        return norm;
    }

    /// <summary>
    /// d = −H_F·g_F by the two-loop recursion on the free subspace, or −g_F when that is no descent direction;
    /// returns the slope gᵀd. d stays 0 on the active set, so plain dot products with d are free-set products;
    /// sᵀy on the free set = full sᵀy − its active part.
    /// </summary>
    private double Direction()
    {
        SteepestDescent();
        for (int k = 0; k < _pairs.Count; k++)
        {
            int slot = _pairs.Slot(k);
            double[] sk = _pairs.S(slot), yk = _pairs.Y(slot);
            double sy = _pairs.SY(slot);
            for (int t = 0; t < _activeCount; t++) sy -= sk[_active[t]] * yk[_active[t]];
            _syFree[slot] = sy;
            if (!(sy > 0)) { _alpha[slot] = double.NaN; continue; }
            double a = VectorKernels.DotLanes(sk, _dir) / sy;
            _alpha[slot] = a;
            VectorKernels.Axpy(-a, yk, _dir);
            ZeroActive();
        }
        if (_pairs.Count > 0)
        {
            int last = _pairs.Slot(0);
            double[] yl = _pairs.Y(last);
            double yy = _pairs.YY(last);
            for (int t = 0; t < _activeCount; t++) yy -= yl[_active[t]] * yl[_active[t]];
            VectorKernels.Scale(_syFree[last] > 0 && yy > 0 ? _syFree[last] / yy : 1.0, _dir);
        }
        for (int k = _pairs.Count - 1; k >= 0; k--)
        {
            int slot = _pairs.Slot(k);
            if (double.IsNaN(_alpha[slot])) continue;
            double b = VectorKernels.DotLanes(_pairs.Y(slot), _dir) / _syFree[slot];
            VectorKernels.Axpy(_alpha[slot] - b, _pairs.S(slot), _dir);
            ZeroActive();
        }
        double slope = VectorKernels.DotLanes(_g, _dir);
        if (!(slope < 0))
        {
            // Not a descent direction (numerical trouble): restart from steepest descent.
            _pairs.Clear();
            SteepestDescent();
            slope = VectorKernels.DotLanes(_g, _dir);
        }
        return slope;
    }

    private void SteepestDescent()
    {
        for (int i = 0; i < _dir.Length; i++) _dir[i] = -_g[i];
        ZeroActive();
    }

    private void ZeroActive()
    {
        for (int t = 0; t < _activeCount; t++) _dir[_active[t]] = 0;
    }

    /// <summary>Backtracks x(t) = max(l, x + t·d) into <c>_xNew</c>, <c>_gNew</c> until the Armijo test holds.</summary>
    private bool LineSearch(double slope, out double fNew)
    {
        double step = _pairs.Count == 0 ? Math.Min(1.0, 1.0 / Math.Max(VectorKernels.NormInf(_dir), 1e-300)) : 1.0;
        fNew = double.NaN;
        for (int ls = 0; ls < _options.MaxLineSearchSteps; ls++)
        {
            double decrease = ProjectedStep(step);
            fNew = _f(_xNew, _gNew); _evaluations++;
            if (double.IsFinite(fNew) && SufficientDecrease(fNew, step, slope, decrease)) return true;
            // Minimum of the quadratic through f(x), slope and f(x(t)); it lies in (0, t) only when f(x(t)) is above the
            // tangent, which a projected step need not be (unconstrained, the formula is used unguarded, as plain L-BFGS does).
            double next = double.IsFinite(fNew) && (!_bounded || fNew > _fx + slope * step)
                ? -slope * step * step / (2 * (fNew - _fx - slope * step)) : 0.1 * step;
            step = Math.Clamp(next, 0.1 * step, 0.5 * step);
        }
        return false;
    }

    /// <summary>x(t) = max(l, x + t·d) into <c>_xNew</c>; returns gᵀ(x(t) − x), ≤ 0 for a descent direction on the free set.</summary>
    private double ProjectedStep(double step)
    {
        double decrease = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double v = _x[i] + step * _dir[i];
            if (v < _lower[i]) v = _lower[i];
            _xNew[i] = v;
            decrease += _g[i] * (v - _x[i]);
        }
        return decrease;
    }

    /// <summary>
    /// Armijo on the step taken, f(x(t)) ≤ f(x) + c·gᵀ(x(t) − x), which must be a decrease. Without bounds
    /// x(t) − x = t·d and the test is c·t·gᵀd, evaluated as unconstrained L-BFGS does (the sum gᵀ(x(t) − x) rounds differently).
    /// </summary>
    private bool SufficientDecrease(double fNew, double step, double slope, double decrease) => _bounded
        ? fNew <= _fx + _options.Armijo * decrease && decrease < 0
        : fNew <= _fx + _options.Armijo * step * slope;
}
