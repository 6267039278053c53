using MathNet.Numerics.LinearAlgebra;

namespace TaskScaling.Numerics.Decomposition;

/// <summary>
/// Linear least squares min ‖X·B − Y‖_F with the minimum-norm solution when X is rank-deficient:
/// B = X⁺·Y, X⁺ = V·S⁺·Uᵀ from the SVD of X. Singular values s_i ≤ rcond·s_max count as zero, with
/// rcond = ε·max(n, p) as numpy.linalg.lstsq's default (ε = 2.22e-16, machine epsilon).
/// Needed because a full one-hot family block plus a slope, without an extra intercept, can be
/// rank-deficient (e.g. a family with one model).
/// </summary>
public static class MinimumNormLeastSquares
{
    /// <summary>Solves for B (p×m) given X (n×p) and Y (n×m).</summary>
    /// <param name="rcond">Relative cutoff; null = ε·max(n, p).</param>
    public static double[,] Solve(double[,] x, double[,] y, double? rcond = null) => Fit(x, y, rcond).Coefficients;

    /// <summary>As <see cref="Solve"/>, also returning the effective rank and the singular values.</summary>
    public static LeastSquaresSolution Fit(double[,] x, double[,] y, double? rcond = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.GetLength(0), p = x.GetLength(1), m = y.GetLength(1);
        if (n < 1 || p < 1) throw new ArgumentException("the design must be at least 1×1", nameof(x));
        if (y.GetLength(0) != n)
            throw new ArgumentException($"X has {n} rows but Y has {y.GetLength(0)}", nameof(y));
        foreach (var e in x) if (!double.IsFinite(e)) throw new ArgumentException("X must be finite", nameof(x));
        foreach (var e in y) if (!double.IsFinite(e)) throw new ArgumentException("Y must be finite", nameof(y));

        double cut = rcond ?? MachineEpsilon * Math.Max(n, p);
        // With n > p, factor X = Q·R (thin, Q with orthonormal columns) first: X⁺ = R⁺·Qᵀ and X, R share
        // their singular values, so the SVD is p×p and no n×n U is formed.
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var ym = Matrix<double>.Build.DenseOfArray(y);
        if (n > p)
        {
            var qr = xm.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            ym = qr.Q.Transpose() * ym;
            xm = qr.R;
        }
        int rows = xm.RowCount;
        var svd = xm.Svd(computeVectors: true);
        var s = svd.S; // min(rows, p) values, descending
        double threshold = s.Count > 0 ? cut * s[0] : 0;
        int rank = 0;
        var inv = new double[s.Count];
        for (int i = 0; i < s.Count; i++)
            if (s[i] > threshold) { inv[i] = 1.0 / s[i]; rank++; }

        // B = V·S⁺·Uᵀ·Y over the first r = min(rows, p) singular triplets.
        int r = s.Count;
        var uty = svd.U.SubMatrix(0, rows, 0, r).Transpose() * ym;
        for (int i = 0; i < r; i++)
            for (int c = 0; c < m; c++) uty[i, c] *= inv[i];
        var b = svd.VT.Transpose().SubMatrix(0, p, 0, r) * uty;
        return new LeastSquaresSolution(b.ToArray(), rank, s.ToArray());
    }

    /// <summary>ε = 2⁻⁵², the spacing of doubles at 1 (numpy's finfo(float64).eps).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}
