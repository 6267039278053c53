namespace TaskScaling.Numerics.LeastSquares;

/// <summary>
/// Householder QR of a small dense column-major matrix, in place, for the damped least-squares steps
/// of <see cref="LevenbergMarquardt"/>. Solving through QR rather than the normal equations keeps the
/// condition number at κ(J) instead of κ(J)², which matters for the ill-conditioned NIST problems.
/// </summary>
internal static class HouseholderQr
{
    /// <summary>
    /// Reduces the m×k matrix a (column-major, leading dimension m) to R in its upper triangle (zeros below) and
    /// applies the same reflections to b (length m), so b[0..k) = Q₁ᵀb. Requires m ≥ k. The reflections applied to b
    /// after the factorisation are the same operations, in the same order, as applied during it.
    /// </summary>
    public static void Factor(Span<double> a, int m, int k, Span<double> b)
    {
        Span<double> rdiag = k <= 64 ? stackalloc double[k] : new double[k];
        Span<double> beta = k <= 64 ? stackalloc double[k] : new double[k];
        FactorKeep(a, m, k, rdiag, beta);
        ApplyQt(a, m, k, beta, b);
        for (int j = 0; j < k; j++)
        {
            a[j * m + j] = rdiag[j];
            a.Slice(j * m + j + 1, m - j - 1).Clear();
        }
    }

    /// <summary>
    /// Householder QR that keeps the Householder vectors (in the lower part of a, from the diagonal
    /// down) so that Qᵀ can later be applied to other vectors; R's diagonal goes to <paramref name="rdiag"/>
    /// and the reflection coefficients to <paramref name="beta"/>.
    /// </summary>
    public static void FactorKeep(Span<double> a, int m, int k, Span<double> rdiag, Span<double> beta)
    {
        for (int j = 0; j < k; j++)
        {
            var col = a.Slice(j * m, m);
            beta[j] = 0;
            rdiag[j] = 0;
            double norm = VectorKernels.Norm(col[j..]);
            if (norm == 0) continue;
            double x0 = col[j];
            double alpha = x0 > 0 ? -norm : norm;
            // v = x − αe₁ stored in col[j..m); H = I − 2vvᵀ/(vᵀv) with vᵀv = ‖x‖² − 2αx₀ + α² = 2α(α − x₀)
            // (no cancellation: α and x₀ have opposite signs).
            col[j] = x0 - alpha;
            double vtv = 2 * alpha * (alpha - x0);
            rdiag[j] = alpha;
            if (!(vtv > 0)) continue;
            double bj = 2.0 / vtv;
            beta[j] = bj;
            var v = col[j..];
            for (int c = j + 1; c < k; c++)
                Reflect(v, a.Slice(c * m + j, m - j), bj);
        }
    }

    /// <summary>b ← Qᵀb for a factorisation from <see cref="FactorKeep"/>.</summary>
    public static void ApplyQt(ReadOnlySpan<double> a, int m, int k, ReadOnlySpan<double> beta, Span<double> b)
    {
        for (int j = 0; j < k; j++)
        {
            if (beta[j] == 0) continue;
            Reflect(a.Slice(j * m + j, m - j), b[j..m], beta[j]);
        }
    }

    /// <summary>y ← y − β(vᵀy)v: one Householder reflection applied to y.</summary>
    private static void Reflect(ReadOnlySpan<double> v, Span<double> y, double beta)
    {
        double dot = VectorKernels.Dot(v, y) * beta;
        for (int i = 0; i < v.Length; i++) y[i] -= dot * v[i];
    }

    /// <summary>Back substitution R x = c with R the upper k×k triangle of a (leading dimension m); zero pivots give x_j = 0.</summary>
    public static void SolveUpper(ReadOnlySpan<double> a, int m, int k, ReadOnlySpan<double> c, Span<double> x)
    {
        for (int j = k - 1; j >= 0; j--)
        {
            double s = c[j];
            for (int c2 = j + 1; c2 < k; c2++) s -= a[c2 * m + j] * x[c2];
            double d = a[j * m + j];
            x[j] = d != 0 ? s / d : 0;
        }
    }
}
