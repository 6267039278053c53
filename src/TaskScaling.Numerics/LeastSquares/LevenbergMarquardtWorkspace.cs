namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// The per-call state of one <see cref="LevenbergMarquardt"/> fit: the iterate and its trial point, residuals,
/// Jacobian, the QR and damped-system buffers, λ and ν, the counters and the outcome so far. One per
/// <see cref="LevenbergMarquardt.Solve"/>, so a solver instance can fit on several threads at once.
/// </summary>
internal sealed class LevenbergMarquardtWorkspace
{
    [ThreadStatic] private static ThreadBuffers? t_buffers;

    /// <summary>
    /// Reusable observation-sized buffers of one thread (at least n or n·m long; only the first n or n·m entries
    /// are used): bootstrap refits run thousands of fits per thread, and fresh buffers for each (≈ 140 kB for the
    /// ladder's step 2) cost more in garbage collection than the fit. A fit never starts another fit on its thread,
    /// so no two live workspaces share them.
    /// </summary>
    private sealed class ThreadBuffers
    {
        private readonly double[][] _buffers = Enumerable.Repeat(Array.Empty<double>(), 11).ToArray();

        /// <summary>Buffer <paramref name="slot"/>, at least <paramref name="length"/> long (contents undefined).</summary>
        public double[] Get(int slot, int length)
        {
            if (_buffers[slot].Length < length) _buffers[slot] = new double[Math.Max(length, _buffers[slot].Length * 5 / 4)];
            return _buffers[slot];
        }
    }

    /// <summary>Observations n, parameters m, rows of the QR (max(n, m): zero rows pad when n &lt; k).</summary>
    public int N { get; }
    public int M { get; }
    public int Rows { get; }

    /// <summary>The iterate x with its residuals r and predictions f, and the trial point (swapped on acceptance).</summary>
    public double[] X { get; private set; }
    public double[] R { get; private set; }
    public double[] F { get; private set; }
    public double[] XTrial { get; private set; }
    public double[] RTrial { get; private set; }
    public double[] FTrial { get; private set; }

    /// <summary>J (column-major n×m); with a robust loss also J̃ = √w·J and r̃ = √w·r.</summary>
    public double[] Jacobian { get; }
    public double[] WeightedJacobian { get; }
    public double[] WeightedResiduals { get; }
    /// <summary>J̃ and r̃ of the current iteration: the weighted buffers, or J and r themselves for least squares.</summary>
    public double[] Jw { get; set; } = [];
    public double[] Rw { get; set; } = [];

    /// <summary>Moré's column scaling D (kept across iterations), the free parameters F (first <see cref="FreeCount"/>).</summary>
    public double[] Scaling { get; }
    public int[] Free { get; }
    public int FreeCount { get; set; }
    /// <summary>‖D x‖ at the start of the iteration.</summary>
    public double ScaledNorm { get; set; }

    /// <summary>Step s, projected step x₊ − x, J̃s.</summary>
    public double[] Step { get; }
    public double[] ProjectedStep { get; }
    public double[] JacobianTimesStep { get; }

    /// <summary>QR of J̃_F (Householder vectors below the diagonal), R's diagonal, the reflection coefficients, Q₁ᵀr̃.</summary>
    public double[] Qr { get; }
    public double[] RDiagonal { get; }
    public double[] Beta { get; }
    public double[] Qtr { get; }
    /// <summary>Q₁ᵀ of the geodesic acceleration's right-hand side.</summary>
    public double[] QtAcceleration { get; }

    /// <summary>The damped 2k×k system [R; √λ D_F], its right-hand side, its solution (velocity or acceleration), the velocity kept.</summary>
    public double[] Augmented { get; }
    public double[] AugmentedRhs { get; }
    public double[] Solution { get; }
    public double[] Velocity { get; }

    public double Objective { get; set; }
    public double Lambda { get; set; } = 1e-3;
    public double Nu { get; set; } = 2;
    public int Iterations { get; set; }
    /// <summary>Polishing steps left (0 until a convergence test is met).</summary>
    public int Polishing { get; set; }
    public FitStatus Status { get; set; } = FitStatus.MaxIterationsReached;
    public string Message { get; set; }

    public LevenbergMarquardtWorkspace(int n, int m, bool reweight, string message)
    {
        N = n; M = m; Rows = Math.Max(n, m);
        Message = message;
        var ws = t_buffers ??= new ThreadBuffers();
        X = new double[m]; XTrial = new double[m];
        R = ws.Get(0, n); RTrial = ws.Get(1, n);
        F = ws.Get(2, n); FTrial = ws.Get(3, n);
        Jacobian = ws.Get(4, n * m);
        WeightedJacobian = reweight ? ws.Get(5, n * m) : [];
        WeightedResiduals = reweight ? ws.Get(6, n) : [];
        JacobianTimesStep = ws.Get(7, n);
        Scaling = new double[m];
        Step = new double[m];
        ProjectedStep = new double[m];
        Free = new int[m];
        Qr = ws.Get(8, Rows * m);
        Qtr = ws.Get(9, Rows);
        Augmented = new double[2 * m * m];
        AugmentedRhs = new double[2 * m];
        Solution = new double[m];
        QtAcceleration = ws.Get(10, Rows);
        Velocity = new double[m];
        RDiagonal = new double[m];
        Beta = new double[m];
    }

    /// <summary>The trial point becomes the iterate (and the old iterate's buffers the next trial's).</summary>
    public void AcceptTrial()
    {
        (X, XTrial) = (XTrial, X);
        (R, RTrial) = (RTrial, R);
        (F, FTrial) = (FTrial, F);
    }
}
