using MathNet.Numerics.LinearAlgebra;

namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// Parameter covariance of a least-squares fit, Σ = s²(JᵀJ)⁻¹, computed from the SVD J = UΣVᵀ as
/// s²·V diag(1/σ²) Vᵀ so that JᵀJ is never formed; singular values below ε·max(n, p)·σ_max are dropped
/// (Moore–Penrose pseudo-inverse), as scipy's curve_fit does.
/// </summary>
internal static class Covariance
{
    public static double[,]? FromJacobian(double[] jacColumnMajor, int n, int p, double s2)
    {
        if (n < p) return null;
        var j = Matrix<double>.Build.Dense(n, p, jacColumnMajor);
        var svd = j.Svd(computeVectors: true);
        var sigma = svd.S;
        var v = svd.VT.Transpose();
        double cutoff = 2.220446049250313e-16 * Math.Max(n, p) * sigma[0];
        var cov = new double[p, p];
        for (int k = 0; k < p; k++)
        {
            if (!(sigma[k] > cutoff)) continue;
            double inv = s2 / (sigma[k] * sigma[k]);
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    cov[a, b] += v[a, k] * v[b, k] * inv;
        }
        return cov;
    }
}
