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

    private readonly IModel _model;
    private readonly Observations _data;
    private readonly FitOptions _o;
    private readonly int _n, _m;
    private readonly double[] _lower, _upper;

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

    /// <summary>Fits from <paramref name="start"/>. Every call keeps its state in its own workspace: an instance is reentrant.</summary>
    public FitResult Solve(double[] start)
    {
        if (Validate(start) is { } problem) return Failure(start, problem);
        var fun = new ResidualFunction(_model, _data, _m, _o.LogSpace, _o.ForceFiniteDifferences, _lower, _upper, _o.Weights);
        var w = new LevenbergMarquardtWorkspace(_n, _m, _o.Loss != LossKind.Linear,
            $"stopped after {_o.MaxIterations} iterations without meeting a convergence test");
        for (int j = 0; j < _m; j++) w.X[j] = Math.Clamp(start[j], _lower[j], _upper[j]);
        if (!fun.Evaluate(w.X, w.R, w.F))
            return Failure(w.X, "the residuals are not finite at the starting values" + (_o.LogSpace ? " (log of a non-positive prediction?)" : ""));
        w.Objective = RobustLoss.Objective(_o.Loss, _o.HuberDelta, w.R.AsSpan(0, _n));
        Iterate(fun, w);
        return Finish(fun, w);
    }

    /// <summary>Why the fit cannot start (bounds, start, observations, options), or null.</summary>
    private string? Validate(double[] start)
    {
        var names = _model.ParameterNames;
        for (int j = 0; j < _m; j++)
        {
            if (!(_lower[j] <= _upper[j]))
                return $"invalid bounds for {names[j]}: lower {_lower[j]} > upper {_upper[j]}";
            if (!double.IsFinite(start[j]))
                return $"the starting value of {names[j]} is not finite";
        }
        if (_n == 0) return "no observations";
        if (_o.PolishSteps < 0) return $"PolishSteps must be ≥ 0, got {_o.PolishSteps}";
        if (_o.LogSpace)
            for (int i = 0; i < _n; i++)
                if (!(_data.Y[i] > 0)) return $"log-space fit needs positive observations; observation {i} is {_data.Y[i]}";
        return null;
    }

    /// <summary>Iterations until a stopping rule (a convergence test and its polishing, a failure, or the iteration limit).</summary>
    private void Iterate(ResidualFunction fun, LevenbergMarquardtWorkspace w)
    {
        while (w.Iterations < _o.MaxIterations)
        {
            w.Iterations++;
            if (!Linearise(fun, w, out double gradTest)) return;
            if (gradTest <= _o.GradientTolerance && Converge(w, "the projected gradient is below GradientTolerance (cosine test)"))
                return;
            Factorise(w);
            if (StepUntilAccepted(fun, w)) return;
        }
    }

    /// <summary>
    /// J at x, the reweighted J̃ and r̃, the scaling D, the free set and the cosine gradient test
    /// max_F |J̃_jᵀr̃| / (‖J̃_j‖‖r̃‖); false (with the outcome set) when the fit ends here.
    /// </summary>
    private bool Linearise(ResidualFunction fun, LevenbergMarquardtWorkspace w, out double gradTest)
    {
        int n = _n, m = _m;
        gradTest = 0;
        if (!fun.Jacobian(w.X, w.F, w.Jacobian))
        {
            w.Status = FitStatus.Failed;
            w.Message = $"the Jacobian is not finite at iteration {w.Iterations}";
            return false;
        }
        // Reweighted residuals and Jacobian (least squares: J̃ = J, r̃ = r, no copy).
        var r = w.R; var jac = w.Jacobian;
        w.Jw = jac; w.Rw = r;
        if (_o.Loss != LossKind.Linear)
        {
            var wjac = w.WeightedJacobian; var rt = w.WeightedResiduals;
            w.Jw = wjac; w.Rw = rt;
            for (int i = 0; i < n; i++)
            {
                double sw = RobustLoss.SqrtWeight(_o.Loss, _o.HuberDelta, r[i]);
                rt[i] = sw * r[i];
                for (int j = 0; j < m; j++) wjac[j * n + i] = sw * jac[j * n + i];
            }
        }
        var wj = w.Jw; var rw = w.Rw.AsSpan(0, n);
        double rtNorm2 = VectorKernels.Dot(rw, rw);
        if (rtNorm2 == 0)
        {
            w.Status = FitStatus.Converged;
            w.Message = "the residuals are exactly zero";
            return false;
        }
        var d = w.Scaling; var x = w.X;
        int k = 0;
        for (int j = 0; j < m; j++)
        {
            var colj = wj.AsSpan(j * n, n);
            double cn = Math.Sqrt(VectorKernels.Dot(colj, colj)), gj = VectorKernels.Dot(colj, rw);
            // Moré's scaling with forgetting: D_j = max(‖J_j‖, D_j/2). Moré's max-over-all-iterations never
            // forgets a column norm that has since shrunk by orders of magnitude and then freezes that
            // parameter (NIST MGH10 from start 1 passes b1 ≈ 1e-38 on its way to 0.0056); plain current
            // norms lose the stability of the max (MGH17 from start 1 stalls). Halving tracks a shrinking
            // column within a few iterations.
            d[j] = Math.Max(cn, 0.5 * d[j]);
            if (d[j] == 0) d[j] = 1;
            bool held = (x[j] <= _lower[j] && gj > 0) || (x[j] >= _upper[j] && gj < 0);
            if (!held)
            {
                w.Free[k++] = j;
                if (cn > 0) gradTest = Math.Max(gradTest, Math.Abs(gj) / (cn * Math.Sqrt(rtNorm2)));
            }
        }
        w.FreeCount = k;
        if (k == 0)
        {
            w.Status = FitStatus.Converged;
            w.Message = "every parameter is held at a bound by the gradient";
            return false;
        }
        return true;
    }

    /// <summary>QR of the free columns of J̃ (zero rows pad when n &lt; k): R and c = Q₁ᵀ r̃; and ‖D x‖.</summary>
    private void Factorise(LevenbergMarquardtWorkspace w)
    {
        int n = _n, m = _m, rows = w.Rows, k = w.FreeCount;
        var qr = w.Qr; var qb = w.Qtr;
        qr.AsSpan(0, rows * m).Clear();
        for (int c = 0; c < k; c++)
            Array.Copy(w.Jw, w.Free[c] * n, qr, c * rows, n);
        HouseholderQr.FactorKeep(qr.AsSpan(0, rows * k), rows, k, w.RDiagonal, w.Beta);
        qb.AsSpan(0, rows).Clear();
        Array.Copy(w.Rw, qb, n);
        HouseholderQr.ApplyQt(qr.AsSpan(0, rows * k), rows, k, w.Beta, qb);

        var d = w.Scaling; var x = w.X;
        double xnorm = 0;
        for (int j = 0; j < m; j++) xnorm += (d[j] * x[j]) * (d[j] * x[j]);
        w.ScaledNorm = Math.Sqrt(xnorm);
    }

    /// <summary>
    /// Trial steps from the current linearisation, λ raised after each rejection, until one is accepted or a
    /// stopping rule holds; true when the fit stops.
    /// </summary>
    private bool StepUntilAccepted(ResidualFunction fun, LevenbergMarquardtWorkspace w)
    {
        while (true)
        {
            bool refused = !TrialStep(fun, w);
            double dxnorm = ProjectStep(w);
            double pred = PredictedReduction(w);
            double Fn = double.PositiveInfinity;
            if (!refused && dxnorm > 0 && fun.Evaluate(w.XTrial, w.RTrial, w.FTrial))
                Fn = RobustLoss.Objective(_o.Loss, _o.HuberDelta, w.RTrial.AsSpan(0, _n));
            double ared = w.Objective - Fn;
            double ratio = pred > 0 && double.IsFinite(Fn) ? ared / pred : -1;
            if (ratio > AcceptRatio) return Accept(w, Fn, ratio, ared, pred, dxnorm);

            if (w.Polishing > 0) return true;
            w.Lambda *= w.Nu;
            w.Nu = Math.Min(w.Nu * 2, 1 << 20);
            if (dxnorm <= _o.StepTolerance * w.ScaledNorm || dxnorm == 0)
                return Converge(w, "the relative step is below StepTolerance");
            if (w.Lambda > MaxDamping)
                return Converge(w, "no further reduction of the objective is possible at machine precision");
        }
    }

    /// <summary>
    /// The step s into <see cref="LevenbergMarquardtWorkspace.Step"/>: the velocity v (the damped Gauss–Newton step
    /// over the free parameters), plus half the geodesic acceleration; false when the acceleration is refused.
    /// </summary>
    private bool TrialStep(ResidualFunction fun, LevenbergMarquardtWorkspace w)
    {
        int n = _n, m = _m, k = w.FreeCount;
        var s = w.Step; var sf = w.Solution; var free = w.Free; var d = w.Scaling;
        DampedSolve(w, w.Qtr);
        Array.Clear(s);
        for (int c = 0; c < k; c++) s[free[c]] = sf[c];

        // Geodesic acceleration (Transtrum & Sethna 2012): a second-order correction a from the
        // directional second derivative r_vv ≈ (2/h)((r(x + hv) − r(x))/h − Jv), solved with the same
        // damped system; the step is v + a/2, refused when 2‖a‖/‖v‖ exceeds α (the quadratic
        // model is not to be trusted that far). It keeps LM out of "parameter evaporation".
        if (!_o.GeodesicAcceleration || w.Polishing != 0) return true;
        const double h = 0.1;
        var x = w.X; var xn = w.XTrial; var r = w.R; var rn = w.RTrial; var jac = w.Jacobian; var qb2 = w.QtAcceleration;
        double vnorm = 0;
        for (int j = 0; j < m; j++) { xn[j] = x[j] + h * s[j]; vnorm += (d[j] * s[j]) * (d[j] * s[j]); }
        if (!(vnorm > 0 && fun.Evaluate(xn, rn, w.FTrial))) return true;
        qb2.AsSpan(0, w.Rows).Clear();
        for (int i = 0; i < n; i++)
        {
            double jv = 0;
            for (int j = 0; j < m; j++) if (s[j] != 0) jv += jac[j * n + i] * s[j];
            double rvv = 2 / h * ((rn[i] - r[i]) / h - jv);
            qb2[i] = RobustLoss.SqrtWeight(_o.Loss, _o.HuberDelta, r[i]) * rvv;
        }
        HouseholderQr.ApplyQt(w.Qr.AsSpan(0, w.Rows * k), w.Rows, k, w.Beta, qb2);
        Array.Copy(sf, w.Velocity, k);
        DampedSolve(w, qb2);
        double anorm = 0;
        for (int c = 0; c < k; c++) anorm += (d[free[c]] * sf[c]) * (d[free[c]] * sf[c]);
        if (2 * Math.Sqrt(anorm) > AccelerationRatio * Math.Sqrt(vnorm)) return false;
        for (int c = 0; c < k; c++) s[free[c]] = w.Velocity[c] + 0.5 * sf[c];
        return true;
    }

    /// <summary>x₊ = clamp(x + s) into the trial point and the projected step x₊ − x; returns ‖D(x₊ − x)‖.</summary>
    private double ProjectStep(LevenbergMarquardtWorkspace w)
    {
        var x = w.X; var xn = w.XTrial; var s = w.Step; var step = w.ProjectedStep; var d = w.Scaling;
        double dxnorm = 0;
        for (int j = 0; j < _m; j++)
        {
            xn[j] = Math.Clamp(x[j] + s[j], _lower[j], _upper[j]);
            step[j] = xn[j] - x[j];
            dxnorm += (d[j] * step[j]) * (d[j] * step[j]);
        }
        return Math.Sqrt(dxnorm);
    }

    /// <summary>
    /// Predicted reduction of the (reweighted) quadratic model for the projected step s:
    /// pred = −r̃ᵀ(J̃s) − ½‖J̃s‖², J̃s accumulated column by column.
    /// </summary>
    private double PredictedReduction(LevenbergMarquardtWorkspace w)
    {
        int n = _n;
        var jsp = w.JacobianTimesStep; var step = w.ProjectedStep; var wj = w.Jw;
        jsp.AsSpan(0, n).Clear();
        for (int j = 0; j < _m; j++)
        {
            double sj = step[j];
            if (sj == 0) continue;
            var colj = wj.AsSpan(j * n, n);
            for (int i = 0; i < n; i++) jsp[i] += colj[i] * sj;
        }
        return -VectorKernels.Dot(w.Rw.AsSpan(0, n), jsp) - 0.5 * VectorKernels.Dot(jsp.AsSpan(0, n), jsp);
    }

    /// <summary>Takes the trial point, updates λ by Nielsen's rule and applies the convergence tests; true when the fit stops.</summary>
    private bool Accept(LevenbergMarquardtWorkspace w, double Fn, double ratio, double ared, double pred, double dxnorm)
    {
        double Fold = w.Objective;
        w.AcceptTrial();
        w.Objective = Fn;
        double t = 2 * ratio - 1;
        w.Lambda = Math.Max(MinDamping, w.Lambda * Math.Max(1.0 / 3, 1 - t * t * t));
        w.Nu = 2;
        if (w.Polishing > 0) return PolishStepTaken(w);
        if (ared <= _o.FunctionTolerance * Fold && pred <= _o.FunctionTolerance * Fold && ratio <= 2)
            return Converge(w, "the relative reduction of the objective is below FunctionTolerance");
        if (dxnorm <= _o.StepTolerance * w.ScaledNorm)
            return Converge(w, "the relative step is below StepTolerance");
        return false;
    }

    // Polishing. Once a convergence test is met, a few undamped Gauss–Newton steps polish the minimum: near the
    // optimum the gain ratio is dominated by rounding, so LM stops a little short of it (visible in the
    // NIST residual SDs of Lanczos1, RSS ≈ 1e-25). Each polishing step is kept only if it lowers the objective
    // (a rejected one stops the fit). FitOptions.PolishSteps = 0 stops at the first convergence test.

    /// <summary>A convergence test is met: records it and starts polishing; true when the fit stops (no polishing, or already polishing).</summary>
    private bool Converge(LevenbergMarquardtWorkspace w, string why)
    {
        if (w.Polishing > 0) return true;
        w.Status = FitStatus.Converged;
        w.Message = why;
        if (_o.PolishSteps == 0) return true;
        w.Polishing = _o.PolishSteps;
        w.Lambda = MinDamping;
        w.Nu = 2;
        return false;
    }

    /// <summary>An accepted polishing step: λ back to its floor; true when it was the last.</summary>
    private static bool PolishStepTaken(LevenbergMarquardtWorkspace w)
    {
        w.Lambda = MinDamping;
        return --w.Polishing == 0;
    }

    /// <summary>
    /// Solves min ‖[R; √λ D_F] s + [c; 0]‖ for the k free parameters into the workspace's solution, with R from the
    /// kept QR of J̃_F and c = Q₁ᵀ(rhs) in <paramref name="qtRhs"/>. The small 2k×k system is factored afresh for each λ.
    /// </summary>
    private static void DampedSolve(LevenbergMarquardtWorkspace w, double[] qtRhs)
    {
        int k = w.FreeCount, rows = w.Rows, ak = 2 * k;
        var aug = w.Augmented; var augB = w.AugmentedRhs; var qr = w.Qr; var d = w.Scaling; var free = w.Free;
        Array.Clear(aug, 0, ak * k);
        double sl = Math.Sqrt(w.Lambda);
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < c; i++) aug[c * ak + i] = qr[c * rows + i];
            aug[c * ak + c] = w.RDiagonal[c];
            aug[c * ak + k + c] = sl * d[free[c]];
        }
        for (int i = 0; i < k; i++) { augB[i] = -qtRhs[i]; augB[k + i] = 0; }
        HouseholderQr.Factor(aug.AsSpan(0, ak * k), ak, k, augB.AsSpan(0, ak));
        HouseholderQr.SolveUpper(aug.AsSpan(0, ak * k), ak, k, augB.AsSpan(0, k), w.Solution.AsSpan(0, k));
    }

    /// <summary>The result at the final iterate: RSS, σ̂, covariance and standard errors from J there, active bounds.</summary>
    private FitResult Finish(ResidualFunction fun, LevenbergMarquardtWorkspace w)
    {
        int n = _n, m = _m;
        var x = w.X; var r = w.R;
        double rss = 0;
        for (int i = 0; i < n; i++) rss += r[i] * r[i];
        int dof = n - m;
        double sd = dof > 0 ? Math.Sqrt(rss / dof) : double.NaN;
        double[,]? cov = null;
        var se = new double[m];
        Array.Fill(se, double.NaN);
        if (_o.ComputeCovariance && w.Status != FitStatus.Failed && fun.Jacobian(x, w.F, w.Jacobian) && dof > 0)
        {
            cov = Covariance.FromJacobian(w.Jacobian, n, m, rss / dof);
            if (cov is not null)
                for (int j = 0; j < m; j++) se[j] = cov[j, j] >= 0 ? Math.Sqrt(cov[j, j]) : double.NaN;
        }
        var active = new int[m];
        for (int j = 0; j < m; j++) active[j] = x[j] <= _lower[j] ? -1 : x[j] >= _upper[j] ? 1 : 0;
        return new FitResult
        {
            Parameters = (double[])x.Clone(),
            ParameterNames = _model.ParameterNames,
            Status = w.Status,
            Message = w.Message,
            Iterations = w.Iterations,
            FunctionEvaluations = fun.Evaluations,
            Objective = w.Objective,
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
