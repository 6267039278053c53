using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// Parameter covariance of a least-squares fit, Σ = s²(JᵀJ)⁻¹, without forming JᵀJ: a thin Householder QR
/// J = QR (Q n×p orthonormal, so JᵀJ = RᵀR and J, R have the same singular values), then the SVD of the small
/// p×p factor R = U σ Vᵀ gives Σ = s²·V diag(1/σ²) Vᵀ. Singular values below ε·max(n, p)·σ_max are dropped
/// (Moore–Penrose pseudo-inverse), as scipy's curve_fit does. Cost O(np²) — the SVD of J itself with its full
/// n×n U took 60–150 ms for the ladder's 1,402-point step 2.
/// </summary>
internal static class Covariance
{
    /// <param name="jacColumnMajor">J, n×p, column-major (not modified).</param>
    public static double[,]? FromJacobian(ReadOnlySpan<double> jacColumnMajor, int n, int p, double s2)
    {
        if (n < p) return null;
        var a = jacColumnMajor[..(n * p)].ToArray();
        var rdiag = new double[p];
        var beta = new double[p];
        HouseholderQr.FactorKeep(a, n, p, rdiag, beta);
        // R: the strict upper triangle stays in a, the diagonal went to rdiag.
        var r = Matrix<double>.Build.Dense(p, p);
        for (int c = 0; c < p; c++)
        {
            for (int i = 0; i < c; i++) r[i, c] = a[c * n + i];
            r[c, c] = rdiag[c];
        }
        // A Jacobian with non-finite entries, or one so ill-conditioned that the SVD does not converge, has no covariance
        // (the fit's standard errors are then NaN, as for fewer points than parameters) rather than an exception.
        if (!r.Enumerate().All(double.IsFinite)) return null;
        Svd<double> svd;
        try { svd = r.Svd(computeVectors: true); }
        catch (NonConvergenceException) { return null; }
        var sigma = svd.S;
        var vt = svd.VT;
        double cutoff = 2.220446049250313e-16 * Math.Max(n, p) * sigma[0];
        var cov = new double[p, p];
        for (int k = 0; k < p; k++)
        {
            if (!(sigma[k] > cutoff)) continue;
            double inv = s2 / (sigma[k] * sigma[k]);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    cov[i, j] += vt[k, i] * vt[k, j] * inv;
        }
        return cov;
    }
}
