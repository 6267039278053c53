namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// Bounded, scaled Levenberg–Marquardt with an active set and projection.
/// <para>Each iteration solves the damped problem min ‖J̃_F s + r̃‖² + λ‖D_F s‖² over the free parameters F
/// (those not held at a bound by a gradient pointing outward), through QR of J̃_F and then of [R; √λ D_F]
/// (Moré 1978), so no normal equations are formed. D_j follows the column norms of J (Moré's scaling,
/// invariant to the units of each parameter, with a decay, see below). Geodesic acceleration (Transtrum &amp;
/// Sethna 2012) adds a second-order correction to each step. The step is projected onto the box; the
/// gain ratio ρ = (actual reduction)/(reduction predicted for the projected step) decides acceptance and
/// updates λ by Nielsen's rule (λ ← λ·max(1/3, 1 − (2ρ − 1)³) on success, λ ← λν, ν ← 2ν on failure).</para>
/// <para>Robust (Huber) losses use iteratively reweighted residuals r̃ = √w·r, J̃ = √w·J with w = ψ(r)/r,
/// while acceptance is judged on the true objective Σρ (see <see cref="RobustLoss"/>).</para>
/// </summary>
internal sealed class LevenbergMarquardt
{
    private const double AcceptRatio = 1e-4;
    private const double MaxDamping = 1e32;
    private const double MinDamping = 1e-30;
    private const double AccelerationRatio = 0.75;

    // Work buffers shared by Solve and DampedSolve (one solver instance per fit).
    private double[] aug = [], augB = [], sf = [], rdiag = [], d = [], qr = [], qb = [];
    private int[] free = [];

    private readonly IModel _model;
    private readonly Observations _data;
    private readonly FitOptions _o;
    private readonly int _n, _m;
    private readonly double[] _lower, _upper;

    [ThreadStatic] private static Workspace? t_workspace;

    /// <summary>Reusable buffers of one thread; a fit never starts another fit on its thread, so no two fits share one.</summary>
    private sealed class Workspace
    {
        private readonly double[][] _buffers = Enumerable.Repeat(Array.Empty<double>(), 11).ToArray();

        /// <summary>Buffer <paramref name="slot"/>, at least <paramref name="length"/> long (contents undefined).</summary>
        public double[] Get(int slot, int length)
        {
            if (_buffers[slot].Length < length) _buffers[slot] = new double[Math.Max(length, _buffers[slot].Length * 5 / 4)];
            return _buffers[slot];
        }
    }

    public LevenbergMarquardt(IModel model, Observations data, FitOptions options, int parameterCount)
    {
        _model = model;
        _data = data;
        _o = options;
        _n = data.Count;
        _m = parameterCount;
        _lower = Fill(options.Lower, _m, double.NegativeInfinity);
        _upper = Fill(options.Upper, _m, double.PositiveInfinity);
        if (options.Weights is { } w)
        {
            if (w.Length != _n) throw new ArgumentException($"{w.Length} weights for {_n} observations");
            foreach (var wi in w)
                if (!(wi >= 0 && double.IsFinite(wi))) throw new ArgumentException($"weights must be finite and ≥ 0, found {wi}");
        }
    }

    private static double[] Fill(double[]? v, int m, double value)
    {
        if (v is null) { var a = new double[m]; Array.Fill(a, value); return a; }
        if (v.Length != m) throw new ArgumentException($"bounds have {v.Length} entries, the model has {m} parameters");
        return (double[])v.Clone();
    }

    public FitResult Solve(double[] start)
    {
        int n = _n, m = _m;
        var names = _model.ParameterNames;
        for (int j = 0; j < m; j++)
        {
            if (!(_lower[j] <= _upper[j]))
                return Failure(start, $"invalid bounds for {names[j]}: lower {_lower[j]} > upper {_upper[j]}");
            if (!double.IsFinite(start[j]))
                return Failure(start, $"the starting value of {names[j]} is not finite");
        }
        if (n == 0) return Failure(start, "no observations");
        if (_o.PolishSteps < 0) return Failure(start, $"PolishSteps must be ≥ 0, got {_o.PolishSteps}");
        if (_o.LogSpace)
            for (int i = 0; i < n; i++)
                if (!(_data.Y[i] > 0)) return Failure(start, $"log-space fit needs positive observations; observation {i} is {_data.Y[i]}");

        var fun = new ResidualFunction(_model, _data, m, _o.LogSpace, _o.ForceFiniteDifferences, _lower, _upper, _o.Weights);
        var loss = _o.Loss;
        double delta = _o.HuberDelta;

        var x = new double[m];
        for (int j = 0; j < m; j++) x[j] = Math.Clamp(start[j], _lower[j], _upper[j]);
        var xn = new double[m];
        // The observation-sized buffers come from this thread's workspace (at least n or n·m long; only the
        // first n or n·m entries are used): bootstrap refits run thousands of fits per thread, and fresh
        // buffers for each (≈ 140 kB for the ladder's step 2) cost more in garbage collection than the fit.
        var ws = t_workspace ??= new Workspace();
        int rows = Math.Max(n, m);
        var r = ws.Get(0, n); var rn = ws.Get(1, n);
        var f = ws.Get(2, n); var fn = ws.Get(3, n);
        var jac = ws.Get(4, n * m);
        bool reweight = loss != LossKind.Linear;
        var wjac = reweight ? ws.Get(5, n * m) : [];
        var rt = reweight ? ws.Get(6, n) : [];
        var jsp = ws.Get(7, n);
        var g = new double[m];
        var d = new double[m];
        var s = new double[m];
        var step = new double[m];
        var free = new int[m];
        var qr = ws.Get(8, rows * m);
        var qb = ws.Get(9, rows);
        aug = new double[2 * m * m];
        augB = new double[2 * m];
        sf = new double[m];
        var qb2 = ws.Get(10, rows);
        var velocity = new double[m];
        rdiag = new double[m];
        var beta = new double[m];
        this.d = d; this.free = free; this.qr = qr; this.qb = qb;

        if (!fun.Evaluate(x, r, f))
            return Failure(x, "the residuals are not finite at the starting values" + (_o.LogSpace ? " (log of a non-positive prediction?)" : ""));
        double F = RobustLoss.Objective(loss, delta, r.AsSpan(0, n));

        double lambda = 1e-3, nu = 2;
        int iterations = 0;
        FitStatus status = FitStatus.MaxIterationsReached;
        string message = $"stopped after {_o.MaxIterations} iterations without meeting a convergence test";
        // Once a convergence test is met, a few undamped Gauss–Newton steps polish the minimum: near the
        // optimum the gain ratio is dominated by rounding, so LM stops a little short of it (visible in the
        // NIST residual SDs of Lanczos1, RSS ≈ 1e-25). Each polishing step is kept only if it lowers the objective.
        // FitOptions.PolishSteps = 0 stops at the first convergence test.
        int polishing = 0;
        bool Converge(string why)
        {
            if (polishing > 0) return true;
            status = FitStatus.Converged;
            message = why;
            if (_o.PolishSteps == 0) return true;
            polishing = _o.PolishSteps;
            lambda = MinDamping;
            nu = 2;
            return false;
        }

        while (true)
        {
            if (iterations >= _o.MaxIterations) break;
            iterations++;

            if (!fun.Jacobian(x, f, jac))
            {
                status = FitStatus.Failed;
                message = $"the Jacobian is not finite at iteration {iterations}";
                break;
            }
            // Reweighted residuals and Jacobian, scaling, gradient g = J̃ᵀr̃ (least squares: J̃ = J, r̃ = r, no copy).
            double[] wj = jac, rw = r;
            if (reweight)
            {
                wj = wjac; rw = rt;
                for (int i = 0; i < n; i++)
                {
                    double sw = RobustLoss.SqrtWeight(loss, delta, r[i]);
                    rt[i] = sw * r[i];
                    for (int j = 0; j < m; j++) wjac[j * n + i] = sw * jac[j * n + i];
                }
            }
            double rtNorm2 = VectorKernels.Dot(rw.AsSpan(0, n), rw.AsSpan(0, n));
            if (rtNorm2 == 0)
            {
                status = FitStatus.Converged;
                message = "the residuals are exactly zero";
                break;
            }
            int k = 0;
            double gradTest = 0;
            for (int j = 0; j < m; j++)
            {
                var colj = wj.AsSpan(j * n, n);
                double cn = Math.Sqrt(VectorKernels.Dot(colj, colj)), gj = VectorKernels.Dot(colj, rw.AsSpan(0, n));
                // Moré's scaling with forgetting: D_j = max(‖J_j‖, D_j/2). Moré's max-over-all-iterations never
                // forgets a column norm that has since shrunk by orders of magnitude and then freezes that
                // parameter (NIST MGH10 from start 1 passes b1 ≈ 1e-38 on its way to 0.0056); plain current
                // norms lose the stability of the max (MGH17 from start 1 stalls). Halving tracks a shrinking
                // column within a few iterations.
                d[j] = Math.Max(cn, 0.5 * d[j]);
                if (d[j] == 0) d[j] = 1;
                g[j] = gj;
                bool held = (x[j] <= _lower[j] && gj > 0) || (x[j] >= _upper[j] && gj < 0);
                if (!held)
                {
                    free[k++] = j;
                    if (cn > 0) gradTest = Math.Max(gradTest, Math.Abs(gj) / (cn * Math.Sqrt(rtNorm2)));
                }
            }
            if (k == 0)
            {
                status = FitStatus.Converged;
                message = "every parameter is held at a bound by the gradient";
                break;
            }
            if (gradTest <= _o.GradientTolerance && Converge("the projected gradient is below GradientTolerance (cosine test)"))
                break;

            // QR of the free columns of J̃ (zero rows pad when n < k): R and c = Q₁ᵀ r̃.
            qr.AsSpan(0, rows * m).Clear();
            for (int c = 0; c < k; c++)
                Array.Copy(wj, free[c] * n, qr, c * rows, n);
            HouseholderQr.FactorKeep(qr.AsSpan(0, rows * k), rows, k, rdiag, beta);
            qb.AsSpan(0, rows).Clear();
            Array.Copy(rw, qb, n);
            HouseholderQr.ApplyQt(qr.AsSpan(0, rows * k), rows, k, beta, qb);

            double xnorm = 0;
            for (int j = 0; j < m; j++) xnorm += (d[j] * x[j]) * (d[j] * x[j]);
            xnorm = Math.Sqrt(xnorm);

            bool stop = false, accepted = false;
            while (!accepted)
            {
                // Velocity: the damped Gauss–Newton step over the free parameters.
                DampedSolve(k, rows, lambda);
                Array.Clear(s);
                for (int c = 0; c < k; c++) s[free[c]] = sf[c];

                // Geodesic acceleration (Transtrum & Sethna 2012): a second-order correction a from the
                // directional second derivative r_vv ≈ (2/h)((r(x + hv) − r(x))/h − Jv), solved with the same
                // damped system; the step is v + a/2, refused when 2‖a‖/‖v‖ exceeds α (the quadratic
                // model is not to be trusted that far). It keeps LM out of "parameter evaporation".
                bool refused = false;
                if (_o.GeodesicAcceleration && polishing == 0)
                {
                    const double h = 0.1;
                    double vnorm = 0;
                    for (int j = 0; j < m; j++) { xn[j] = x[j] + h * s[j]; vnorm += (d[j] * s[j]) * (d[j] * s[j]); }
                    if (vnorm > 0 && fun.Evaluate(xn, rn, fn))
                    {
                        qb2.AsSpan(0, rows).Clear();
                        for (int i = 0; i < n; i++)
                        {
                            double jv = 0;
                            for (int j = 0; j < m; j++) if (s[j] != 0) jv += jac[j * n + i] * s[j];
                            double rvv = 2 / h * ((rn[i] - r[i]) / h - jv);
                            qb2[i] = RobustLoss.SqrtWeight(loss, delta, r[i]) * rvv;
                        }
                        HouseholderQr.ApplyQt(qr.AsSpan(0, rows * k), rows, k, beta, qb2);
                        Array.Copy(sf, velocity, k);
                        DampedSolve(k, rows, lambda, qb2);
                        double anorm = 0;
                        for (int c = 0; c < k; c++) anorm += (d[free[c]] * sf[c]) * (d[free[c]] * sf[c]);
                        if (2 * Math.Sqrt(anorm) > AccelerationRatio * Math.Sqrt(vnorm)) refused = true;
                        else for (int c = 0; c < k; c++) s[free[c]] = velocity[c] + 0.5 * sf[c];
                    }
                }

                double dxnorm = 0;
                for (int j = 0; j < m; j++)
                {
                    xn[j] = Math.Clamp(x[j] + s[j], _lower[j], _upper[j]);
                    step[j] = xn[j] - x[j];
                    dxnorm += (d[j] * step[j]) * (d[j] * step[j]);
                }
                dxnorm = Math.Sqrt(dxnorm);

                // Predicted reduction of the (reweighted) quadratic model for the projected step s:
                // pred = −r̃ᵀ(J̃s) − ½‖J̃s‖², J̃s accumulated column by column.
                jsp.AsSpan(0, n).Clear();
                for (int j = 0; j < m; j++)
                {
                    double sj = step[j];
                    if (sj == 0) continue;
                    var colj = wj.AsSpan(j * n, n);
                    for (int i = 0; i < n; i++) jsp[i] += colj[i] * sj;
                }
                double pred = -VectorKernels.Dot(rw.AsSpan(0, n), jsp) - 0.5 * VectorKernels.Dot(jsp.AsSpan(0, n), jsp);

                double Fn = double.PositiveInfinity;
                if (!refused && dxnorm > 0 && fun.Evaluate(xn, rn, fn)) Fn = RobustLoss.Objective(loss, delta, rn.AsSpan(0, n));
                double ared = F - Fn;
                double ratio = pred > 0 && double.IsFinite(Fn) ? ared / pred : -1;

                if (ratio > AcceptRatio)
                {
                    accepted = true;
                    double Fold = F;
                    (x, xn) = (xn, x);
                    (r, rn) = (rn, r);
                    (f, fn) = (fn, f);
                    F = Fn;
                    double t = 2 * ratio - 1;
                    lambda = Math.Max(MinDamping, lambda * Math.Max(1.0 / 3, 1 - t * t * t));
                    nu = 2;
                    if (polishing > 0)
                    {
                        lambda = MinDamping;
                        stop = --polishing == 0;
                    }
                    else if (ared <= _o.FunctionTolerance * Fold && pred <= _o.FunctionTolerance * Fold && ratio <= 2)
                        stop = Converge("the relative reduction of the objective is below FunctionTolerance");
                    else if (dxnorm <= _o.StepTolerance * xnorm)
                        stop = Converge("the relative step is below StepTolerance");
                }
                else
                {
                    if (polishing > 0) { stop = true; break; }
                    lambda *= nu;
                    nu = Math.Min(nu * 2, 1 << 20);
                    if (dxnorm <= _o.StepTolerance * xnorm || dxnorm == 0)
                    {
                        stop = Converge("the relative step is below StepTolerance");
                        break;
                    }
                    if (lambda > MaxDamping)
                    {
                        stop = Converge("no further reduction of the objective is possible at machine precision");
                        break;
                    }
                }
            }
            if (stop) break;
        }

        return Finish(fun, x, r, f, jac, status, message, iterations, F);
    }

    /// <summary>
    /// Solves min ‖[R; √λ D_F] s + [c; 0]‖ for the k free parameters into sf, with R from the kept QR of J̃_F
    /// (diagonal in rdiag) and c = Q₁ᵀ(rhs) (default: the residuals' qb). The small 2k×k system is factored
    /// afresh for each λ.
    /// </summary>
    private void DampedSolve(int k, int rows, double lambda, double[]? rhs = null)
    {
        rhs ??= qb;
        int ak = 2 * k;
        Array.Clear(aug, 0, ak * k);
        double sl = Math.Sqrt(lambda);
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < c; i++) aug[c * ak + i] = qr[c * rows + i];
            aug[c * ak + c] = rdiag[c];
            aug[c * ak + k + c] = sl * d[free[c]];
        }
        for (int i = 0; i < k; i++) { augB[i] = -rhs[i]; augB[k + i] = 0; }
        HouseholderQr.Factor(aug.AsSpan(0, ak * k), ak, k, augB.AsSpan(0, ak));
        HouseholderQr.SolveUpper(aug.AsSpan(0, ak * k), ak, k, augB.AsSpan(0, k), sf.AsSpan(0, k));
    }

    private FitResult Finish(ResidualFunction fun, double[] x, double[] r, double[] f, double[] jac,
        FitStatus status, string message, int iterations, double objective)
    {
        int n = _n, m = _m;
        double rss = 0;
        for (int i = 0; i < n; i++) rss += r[i] * r[i];
        int dof = n - m;
        double sd = dof > 0 ? Math.Sqrt(rss / dof) : double.NaN;
        double[,]? cov = null;
        var se = new double[m];
        Array.Fill(se, double.NaN);
        if (_o.ComputeCovariance && status != FitStatus.Failed && fun.Jacobian(x, f, jac) && dof > 0)
        {
            cov = Covariance.FromJacobian(jac, n, m, rss / dof);
            if (cov is not null)
                for (int j = 0; j < m; j++) se[j] = cov[j, j] >= 0 ? Math.Sqrt(cov[j, j]) : double.NaN;
        }
        var active = new int[m];
        for (int j = 0; j < m; j++) active[j] = x[j] <= _lower[j] ? -1 : x[j] >= _upper[j] ? 1 : 0;
        return new FitResult
        {
            Parameters = (double[])x.Clone(),
            ParameterNames = _model.ParameterNames,
            Status = status,
            Message = message,
            Iterations = iterations,
            FunctionEvaluations = fun.Evaluations,
            Objective = objective,
            ResidualSumOfSquares = rss,
            ResidualStandardDeviation = sd,
            DegreesOfFreedom = dof,
            Covariance = cov,
            StandardErrors = se,
            ActiveBounds = active,
        };
    }

    private FitResult Failure(double[] x, string message)
    {
        var se = new double[_m];
        Array.Fill(se, double.NaN);
        return new FitResult
        {
            Parameters = (double[])x.Clone(),
            ParameterNames = _model.ParameterNames,
            Status = FitStatus.Failed,
            Message = message,
            Objective = double.NaN,
            ResidualSumOfSquares = double.NaN,
            ResidualStandardDeviation = double.NaN,
            DegreesOfFreedom = _n - _m,
            StandardErrors = se,
            ActiveBounds = new int[_m],
        };
    }
}
