using MathNet.Numerics.LinearAlgebra;

namespace TaskScaling.Numerics.Decomposition;

/// <summary>
/// Principal component analysis of an n×J matrix Y by exact SVD of the column-centred matrix
/// Yc = Y − 1·μᵀ = U·S·Vᵀ. Components are the top-k rows of Vᵀ (k×J), training scores Yc·Vk = Uk·Sk (n×k).
/// <para>
/// Sign convention (SVD signs are arbitrary): each component is flipped so that its entry of largest
/// absolute value is positive (on a tie, the first such entry); its scores flip with it. The same data
/// therefore always give the same components and scores.
/// </para>
/// When n &gt; J the SVD is taken of R from a thin QR of Yc (Yc = Q·R, R = U'·S·Vᵀ): the same S and V,
/// without forming an n×n U.
/// </summary>
public sealed class PrincipalComponents
{
    /// <summary>Column means μ (length J).</summary>
    public double[] Means { get; }
    /// <summary>Principal directions, one per row (k×J), orthonormal rows.</summary>
    public double[,] Components { get; }
    /// <summary>Training scores (n×k): (Y − μ)·Componentsᵀ.</summary>
    public double[,] Scores { get; }
    /// <summary>The top-k singular values of the centred matrix, descending.</summary>
    public double[] SingularValues { get; }
    /// <summary>Variance of each score column, s_k²/(n − 1) (NaN when n = 1).</summary>
    public double[] ExplainedVariance { get; }
    /// <summary>Share of the total variance each component explains (NaN when the total is 0).</summary>
    public double[] ExplainedVarianceRatio { get; }

    public int ComponentCount => Components.GetLength(0);
    public int VariableCount => Means.Length;

    private PrincipalComponents(double[] means, double[,] components, double[,] scores, double[] singularValues,
        double[] explainedVariance, double[] explainedVarianceRatio)
    {
        Means = means;
        Components = components;
        Scores = scores;
        SingularValues = singularValues;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = explainedVarianceRatio;
    }

    /// <summary>Fits the top <paramref name="k"/> components of <paramref name="y"/> (n×J, finite).</summary>
    public static PrincipalComponents Fit(double[,] y, int k)
    {
        ArgumentNullException.ThrowIfNull(y);
        int n = y.GetLength(0), j = y.GetLength(1);
        if (n < 1 || j < 1) throw new ArgumentException("the data matrix must be at least 1×1", nameof(y));
        if (k < 1 || k > Math.Min(n, j))
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} must be in 1..min(n, J) = {Math.Min(n, j)}");
        foreach (var v in y)
            if (!double.IsFinite(v)) throw new ArgumentException("the data matrix must be finite", nameof(y));

        var means = new double[j];
        for (int c = 0; c < j; c++)
        {
            double sum = 0;
            for (int r = 0; r < n; r++) sum += y[r, c];
            means[c] = sum / n;
        }
        var centred = Matrix<double>.Build.Dense(n, j, (r, c) => y[r, c] - means[c]);

        // Exact SVD; with n > J go through a thin QR so the work and memory scale with J², not n².
        var target = n > j ? centred.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R : centred;
        var svd = target.Svd(computeVectors: true);
        var vt = svd.VT;
        var s = svd.S;

        var components = new double[k, j];
        for (int m = 0; m < k; m++)
        {
            int arg = 0;
            for (int c = 1; c < j; c++)
                if (Math.Abs(vt[m, c]) > Math.Abs(vt[m, arg])) arg = c;
            double sign = vt[m, arg] < 0 ? -1 : 1;
            for (int c = 0; c < j; c++) components[m, c] = sign * vt[m, c];
        }

        var scores = (centred * Matrix<double>.Build.DenseOfArray(components).Transpose()).ToArray();
        var singular = new double[k];
        var variance = new double[k];
        var ratio = new double[k];
        double total = 0;
        for (int m = 0; m < s.Count; m++) total += s[m] * s[m];
        for (int m = 0; m < k; m++)
        {
            singular[m] = m < s.Count ? s[m] : 0;
            variance[m] = n > 1 ? singular[m] * singular[m] / (n - 1) : double.NaN;
            ratio[m] = total > 0 ? singular[m] * singular[m] / total : double.NaN;
        }
        return new PrincipalComponents(means, components, scores, singular, variance, ratio);
    }

    /// <summary>Scores of new rows (m×J): (X − μ)·Componentsᵀ (m×k).</summary>
    public double[,] Project(double[,] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.GetLength(1) != VariableCount)
            throw new ArgumentException($"rows have {rows.GetLength(1)} columns, the fit has {VariableCount}", nameof(rows));
        var x = Matrix<double>.Build.Dense(rows.GetLength(0), VariableCount, (r, c) => rows[r, c] - Means[c]);
        return (x * Matrix<double>.Build.DenseOfArray(Components).Transpose()).ToArray();
    }

    /// <summary>Back to the data space (m×J): scores·Components + μ.</summary>
    public double[,] Reconstruct(double[,] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.GetLength(1) != ComponentCount)
            throw new ArgumentException($"scores have {scores.GetLength(1)} columns, the fit has {ComponentCount} components", nameof(scores));
        var x = Matrix<double>.Build.DenseOfArray(scores) * Matrix<double>.Build.DenseOfArray(Components);
        var result = x.ToArray();
        for (int r = 0; r < result.GetLength(0); r++)
            for (int c = 0; c < VariableCount; c++) result[r, c] += Means[c];
        return result;
    }
}
