using TaskScaling.Numerics.Decomposition;

namespace TaskScaling.Tests.Numerics;

public class DecompositionPrincipalComponentsTests
{
    // Correlated data: n×J = Z·M + noise with a fixed seed, columns shifted so means are non-zero.
    internal static double[,] CorrelatedData(int n, int j, int seed)
    {
        var rng = new Random(seed);
        var m = new double[3, j];
        for (int a = 0; a < 3; a++)
            for (int c = 0; c < j; c++) m[a, c] = 2 * rng.NextDouble() - 1;
        var y = new double[n, j];
        for (int r = 0; r < n; r++)
        {
            var z = new[] { Gauss(rng) * 3, Gauss(rng) * 2, Gauss(rng) };
            for (int c = 0; c < j; c++)
            {
                double v = 10 + c;
                for (int a = 0; a < 3; a++) v += z[a] * m[a, c];
                y[r, c] = v + 0.1 * Gauss(rng);
            }
        }
        return y;
    }

    private static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double MaxAbsDifference(double[,] a, double[,] b)
    {
        double m = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
        return m;
    }

    [Fact]
    public void Reconstruction_WithAllComponents_IsExact()
    {
        var y = CorrelatedData(30, 6, seed: 1);
        var pca = PrincipalComponents.Fit(y, 6);
        Assert.True(MaxAbsDifference(y, pca.Reconstruct(pca.Scores)) < 1e-10);
    }

    [Fact]
    public void Reconstruction_WithFewerComponents_LeavesOnlyTheDiscardedVariance()
    {
        // Residual sum of squares of a rank-k reconstruction = Σ of the discarded squared singular values.
        var y = CorrelatedData(40, 6, seed: 2);
        var all = PrincipalComponents.Fit(y, 6);
        var pca = PrincipalComponents.Fit(y, 2);
        var back = pca.Reconstruct(pca.Scores);
        double rss = 0;
        for (int r = 0; r < 40; r++)
            for (int c = 0; c < 6; c++) rss += Math.Pow(y[r, c] - back[r, c], 2);
        double discarded = 0;
        for (int k = 2; k < 6; k++) discarded += all.SingularValues[k] * all.SingularValues[k];
        Assert.Equal(discarded, rss, 8);
    }

    [Fact]
    public void Scores_AreCentredAndUncorrelated_WithDescendingVariance()
    {
        var y = CorrelatedData(50, 5, seed: 3);
        var pca = PrincipalComponents.Fit(y, 4);
        int n = 50, k = 4;
        for (int a = 0; a < k; a++)
        {
            double mean = 0;
            for (int r = 0; r < n; r++) mean += pca.Scores[r, a];
            Assert.True(Math.Abs(mean / n) < 1e-12);
            for (int b = 0; b < k; b++)
            {
                double cov = 0;
                for (int r = 0; r < n; r++) cov += pca.Scores[r, a] * pca.Scores[r, b];
                cov /= n - 1;
                if (a == b) Assert.Equal(pca.ExplainedVariance[a], cov, 9);
                else Assert.True(Math.Abs(cov) < 1e-9, $"cov[{a},{b}] = {cov}");
            }
            if (a > 0) Assert.True(pca.ExplainedVariance[a] <= pca.ExplainedVariance[a - 1]);
        }
    }

    [Fact]
    public void Components_AreOrthonormal_WithLargestEntryPositive()
    {
        var y = CorrelatedData(25, 7, seed: 4);
        var pca = PrincipalComponents.Fit(y, 3);
        for (int a = 0; a < 3; a++)
        {
            int arg = 0;
            for (int c = 1; c < 7; c++) if (Math.Abs(pca.Components[a, c]) > Math.Abs(pca.Components[a, arg])) arg = c;
            Assert.True(pca.Components[a, arg] > 0);
            for (int b = 0; b < 3; b++)
            {
                double dot = 0;
                for (int c = 0; c < 7; c++) dot += pca.Components[a, c] * pca.Components[b, c];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 12);
            }
        }
    }

    [Fact]
    public void Project_OfTheTrainingRows_GivesTheTrainingScores()
    {
        var y = CorrelatedData(20, 5, seed: 5);
        var pca = PrincipalComponents.Fit(y, 3);
        Assert.True(MaxAbsDifference(pca.Scores, pca.Project(y)) < 1e-12);
        Assert.Equal(y.GetLength(0), pca.Scores.GetLength(0));
        Assert.Equal(3, pca.Scores.GetLength(1));
    }

    [Fact]
    public void WideData_FewerRowsThanColumns_AlsoReconstructs()
    {
        // n < J takes the direct SVD path (no QR); k = n − 1 components span the centred rows exactly.
        var y = CorrelatedData(5, 9, seed: 6);
        var pca = PrincipalComponents.Fit(y, 4);
        Assert.True(MaxAbsDifference(y, pca.Reconstruct(pca.Scores)) < 1e-10);
    }

    [Fact]
    public void TallData_ComponentsAreEigenvectorsOfTheSampleCovariance()
    {
        // The QR route (n > J) must give Σ·v = λ·v with λ = s²/(n − 1) for every component.
        var y = CorrelatedData(60, 4, seed: 7);
        var pca = PrincipalComponents.Fit(y, 4);
        var centred = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(60, 4, (r, c) => y[r, c] - pca.Means[c]);
        var cov = centred.TransposeThisAndMultiply(centred) / 59;
        for (int a = 0; a < 4; a++)
        {
            var v = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(4, c => pca.Components[a, c]);
            var cv = cov * v;
            for (int c = 0; c < 4; c++) Assert.Equal(pca.ExplainedVariance[a] * v[c], cv[c], 9);
        }
    }

    [Fact]
    public void InvalidComponentCount_Throws()
    {
        var y = CorrelatedData(5, 3, seed: 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponents.Fit(y, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponents.Fit(y, 4));
    }
}
