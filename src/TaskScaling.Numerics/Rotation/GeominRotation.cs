using MathNet.Numerics.LinearAlgebra;

namespace TaskScaling.Numerics.Rotation;

/// <summary>
/// Oblique geomin rotation by gradient projection (Bernaards &amp; Jennrich 2005, GPArotation's
/// <c>GPFoblq</c> with <c>vgQ.geomin</c>; factor_analyzer's oblique GPA is the same loop).
/// <para>
/// Criterion for loadings L (J×d): u_ik = L_ik² + δ, p_i = exp(mean_k ln u_ik), Q(L) = Σ_i p_i,
/// ∂Q/∂L_ik = (2/d)·L_ik·p_i/u_ik. Rotated loadings L = A·(T⁻¹)ᵀ with T's columns of unit length,
/// so Φ = TᵀT has a unit diagonal. Gradient with respect to T: G = −(Lᵀ·∂Q/∂L·T⁻¹)ᵀ; it is projected
/// onto the tangent of the unit-column constraint: Gp = G − T·diag(colsum(T∘G)).
/// </para>
/// <para>
/// Loop (as GPFoblq, outer iterations 0..maxIterations): s = ‖Gp‖_F; stop if s &lt; tol; α ← 2α;
/// up to 11 trials X = T − α·Gp, columns normalised → T′, accept when Q(L) − Q(L′) &gt; ½·s²·α,
/// else α ← α/2; after 11 failures the last trial is taken anyway. maxIterations = 500 reproduces
/// the released skill-law code (which then stops short of the optimum); the default iterates to tol.
/// </para>
/// </summary>
public static class GeominRotation
{
    public const double DefaultDelta = 0.01;
    public const double DefaultTolerance = 1e-5;
    /// <summary>Large enough to reach the tolerance in practice (the skill-law fit needs ≈ 5,200).</summary>
    public const int DefaultMaxIterations = 100_000;
    /// <summary>The cap of the released code (GPArotation-style loop 0..500).</summary>
    public const int ReleasedCodeMaxIterations = 500;
    private const int LineSearchTrials = 11;

    /// <summary>Rotates the J×d loading matrix <paramref name="loadings"/>.</summary>
    /// <param name="loadings">Unrotated loadings A (J×d, d ≥ 1).</param>
    /// <param name="delta">Geomin's δ (&gt; 0).</param>
    /// <param name="maxIterations">Outer iterations run 0..maxIterations (as GPFoblq's maxit).</param>
    /// <param name="tolerance">Stop when ‖Gp‖_F falls below this.</param>
    /// <param name="start">Starting T (d×d, invertible); identity when null. Columns are used as given.</param>
    public static RotationResult Rotate(double[,] loadings, double delta = DefaultDelta,
        int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance, double[,]? start = null)
    {
        ArgumentNullException.ThrowIfNull(loadings);
        int d = loadings.GetLength(1);
        if (loadings.GetLength(0) < 1 || d < 1) throw new ArgumentException("loadings must be at least 1×1", nameof(loadings));
        if (!(delta > 0)) throw new ArgumentOutOfRangeException(nameof(delta), "δ must be positive");
        if (maxIterations < 0) throw new ArgumentOutOfRangeException(nameof(maxIterations));
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance));
        foreach (var v in loadings)
            if (!double.IsFinite(v)) throw new ArgumentException("loadings must be finite", nameof(loadings));

        var a = Matrix<double>.Build.DenseOfArray(loadings);
        Matrix<double> t;
        if (start is null) t = Matrix<double>.Build.DenseIdentity(d);
        else
        {
            if (start.GetLength(0) != d || start.GetLength(1) != d)
                throw new ArgumentException($"start must be {d}×{d}", nameof(start));
            t = Matrix<double>.Build.DenseOfArray(start);
        }

        double alpha = 1.0;
        var tInv = t.Inverse();
        var l = a * tInv.Transpose();
        var (f, gq) = Evaluate(l, delta);
        var g = -(l.Transpose() * gq * tInv).Transpose();

        int updates = 0;
        bool converged = false;
        double s = double.NaN;
        for (int iter = 0; iter <= maxIterations; iter++)
        {
            var gp = ProjectGradient(t, g);
            s = gp.FrobeniusNorm();
            if (s < tolerance) { converged = true; break; }
            alpha *= 2;
            Matrix<double> tTrial = t, lTrial = l, tTrialInv = tInv;
            double fTrial = f;
            Matrix<double> gqTrial = gq;
            for (int trial = 0; trial < LineSearchTrials; trial++)
            {
                tTrial = NormaliseColumns(t - alpha * gp);
                tTrialInv = tTrial.Inverse();
                lTrial = a * tTrialInv.Transpose();
                (fTrial, gqTrial) = Evaluate(lTrial, delta);
                if (f - fTrial > 0.5 * s * s * alpha) break;
                alpha /= 2;
            }
            t = tTrial; tInv = tTrialInv; l = lTrial; f = fTrial; gq = gqTrial;
            g = -(l.Transpose() * gq * tInv).Transpose();
            updates++;
        }
        if (!converged) s = ProjectGradient(t, g).FrobeniusNorm();

        return new RotationResult
        {
            Loadings = l.ToArray(),
            Rotation = t.ToArray(),
            Phi = (t.Transpose() * t).ToArray(),
            Criterion = f,
            Iterations = updates,
            GradientNorm = s,
            Converged = converged,
            Message = converged
                ? $"converged after {updates} iterations (‖Gp‖_F = {s:G3} < {tolerance:G3})"
                : $"iteration cap reached ({maxIterations}): ‖Gp‖_F = {s:G3} ≥ {tolerance:G3}",
        };
    }

    /// <summary>Geomin criterion Q(L) = Σ_i exp(mean_k ln(L_ik² + δ)).</summary>
    public static double Criterion(double[,] loadings, double delta = DefaultDelta) =>
        Evaluate(Matrix<double>.Build.DenseOfArray(loadings), delta).Value;

    /// <summary>∂Q/∂L_ik = (2/d)·L_ik·p_i/u_ik (J×d).</summary>
    public static double[,] CriterionGradient(double[,] loadings, double delta = DefaultDelta) =>
        Evaluate(Matrix<double>.Build.DenseOfArray(loadings), delta).Gradient.ToArray();

    /// <summary>
    /// Rotates a coefficient matrix alongside the loadings: Br = B·T. Skills θ = x·B become θr = θ·T,
    /// and with Λr = A·(T⁻¹)ᵀ the predictions are unchanged: θr·Λrᵀ = θ·T·T⁻¹·Aᵀ = θ·Aᵀ.
    /// </summary>
    public static double[,] RotateCoefficients(double[,] coefficients, double[,] rotation)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(rotation);
        if (coefficients.GetLength(1) != rotation.GetLength(0))
            throw new ArgumentException($"coefficients have {coefficients.GetLength(1)} columns but the rotation is {rotation.GetLength(0)}×{rotation.GetLength(1)}");
        return (Matrix<double>.Build.DenseOfArray(coefficients) * Matrix<double>.Build.DenseOfArray(rotation)).ToArray();
    }

    /// <summary>G = −(Lᵀ·∂Q/∂L·T⁻¹)ᵀ, the gradient of f(T) = Q(A·(T⁻¹)ᵀ) (d×d, before projection).</summary>
    internal static double[,] RotationGradient(double[,] loadings, double[,] rotation, double delta = DefaultDelta)
    {
        var a = Matrix<double>.Build.DenseOfArray(loadings);
        var tInv = Matrix<double>.Build.DenseOfArray(rotation).Inverse();
        var l = a * tInv.Transpose();
        var gq = Evaluate(l, delta).Gradient;
        return (-(l.Transpose() * gq * tInv).Transpose()).ToArray();
    }

    private static (double Value, Matrix<double> Gradient) Evaluate(Matrix<double> l, double delta)
    {
        int rows = l.RowCount, d = l.ColumnCount;
        var grad = Matrix<double>.Build.Dense(rows, d);
        double q = 0;
        for (int i = 0; i < rows; i++)
        {
            double sumLog = 0;
            for (int k = 0; k < d; k++) sumLog += Math.Log(l[i, k] * l[i, k] + delta);
            double p = Math.Exp(sumLog / d);
            q += p;
            for (int k = 0; k < d; k++)
                grad[i, k] = 2.0 / d * l[i, k] * p / (l[i, k] * l[i, k] + delta);
        }
        return (q, grad);
    }

    // Gp = G − T·diag(colsum(T∘G)): removes the component that would change the column lengths of T.
    private static Matrix<double> ProjectGradient(Matrix<double> t, Matrix<double> g)
    {
        var gp = g.Clone();
        for (int k = 0; k < t.ColumnCount; k++)
        {
            double c = 0;
            for (int r = 0; r < t.RowCount; r++) c += t[r, k] * g[r, k];
            for (int r = 0; r < t.RowCount; r++) gp[r, k] -= t[r, k] * c;
        }
        return gp;
    }

    private static Matrix<double> NormaliseColumns(Matrix<double> x)
    {
        var y = x.Clone();
        for (int k = 0; k < x.ColumnCount; k++)
        {
            double n = 0;
            for (int r = 0; r < x.RowCount; r++) n += x[r, k] * x[r, k];
            n = Math.Sqrt(n);
            for (int r = 0; r < x.RowCount; r++) y[r, k] = x[r, k] / n;
        }
        return y;
    }
}
