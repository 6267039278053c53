using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using TaskScaling.Numerics;
using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Ladder;

/// <summary>
/// WORKAROUND (ladder-local, remove when the engine's covariance is fast): the parameter covariance
/// Σ = s²(JᵀJ)⁺ at a fit's optimum, with the engine's definitions — J = ∂r/∂p of the residuals in the
/// fitted space (log space: (∂f/∂p)/f), s² = RSS/(n − p), singular values below ε·max(n, p)·σ_max dropped —
/// but computed from a thin QR of J and the SVD of the p×p factor R. The engine's
/// <c>Covariance.FromJacobian</c> takes the SVD of J with full U (n×n): for step 2's 1,402 points that is
/// 60–150 ms per fit and dominated the whole prediction.
/// </summary>
internal static class ParameterCovariance
{
    public static FitResult Attach(IModel model, Observations data, FitResult fit, bool logSpace)
    {
        int n = data.Count, p = fit.Parameters.Length;
        if (fit.DegreesOfFreedom <= 0 || n < p) return fit;
        var jac = new double[n * p];
        var g = new double[p];
        for (int i = 0; i < n; i++)
        {
            if (!model.TryGradient(data.X[i], fit.Parameters, g)) NumericalGradient.Central(model, data.X[i], fit.Parameters, g);
            double scale = logSpace ? 1.0 / model.Evaluate(data.X[i], fit.Parameters) : 1.0;
            for (int j = 0; j < p; j++) jac[j * n + i] = g[j] * scale;
        }
        if (!jac.All(double.IsFinite)) return fit;
        var r = Matrix<double>.Build.Dense(n, p, jac).QR(QRMethod.Thin).R;
        var svd = r.Svd(computeVectors: true);
        var sigma = svd.S;
        var vt = svd.VT;
        double s2 = fit.ResidualSumOfSquares / fit.DegreesOfFreedom;
        double cutoff = 2.220446049250313e-16 * Math.Max(n, p) * sigma.Maximum();
        var cov = new double[p, p];
        for (int k = 0; k < p; k++)
        {
            if (!(sigma[k] > cutoff)) continue;
            double inv = s2 / (sigma[k] * sigma[k]);
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    cov[a, b] += vt[k, a] * vt[k, b] * inv;
        }
        var se = new double[p];
        for (int j = 0; j < p; j++) se[j] = cov[j, j] >= 0 ? Math.Sqrt(cov[j, j]) : double.NaN;
        return fit with { Covariance = cov, StandardErrors = se };
    }
}
