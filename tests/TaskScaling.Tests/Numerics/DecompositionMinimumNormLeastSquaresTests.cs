using MathNet.Numerics.LinearAlgebra;
using TaskScaling.Numerics.Decomposition;

namespace TaskScaling.Tests.Numerics;

public class DecompositionMinimumNormLeastSquaresTests
{
    private static double MaxAbsDifference(double[,] a, double[,] b)
    {
        Assert.Equal(a.GetLength(0), b.GetLength(0));
        Assert.Equal(a.GetLength(1), b.GetLength(1));
        double m = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
        return m;
    }

    // A PCA + FLOPs-like design (full family one-hot + ln F) with a constant column added: the constant
    // equals the sum of the one-hot columns, so the design (7×5) has rank 4.
    private static double[,] RankDeficientDesign()
    {
        var lnF = new[] { 40.1, 41.3, 42.0, 40.7, 43.2, 44.0, 41.9 };
        var family = new[] { 0, 0, 0, 1, 1, 2, 2 };
        var x = new double[7, 5];
        for (int r = 0; r < 7; r++)
        {
            x[r, family[r]] = 1;
            x[r, 3] = lnF[r];
            x[r, 4] = 1; // = sum of the one-hot columns
        }
        return x;
    }

    private static double[,] Targets(int n, int m, int seed)
    {
        var rng = new Random(seed);
        var y = new double[n, m];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++) y[r, c] = 2 * rng.NextDouble() - 1;
        return y;
    }

    [Fact]
    public void RankDeficient_EqualsThePseudoInverseSolution()
    {
        var x = RankDeficientDesign();
        var y = Targets(7, 2, seed: 1);
        var solution = MinimumNormLeastSquares.Fit(x, y);
        Assert.Equal(4, solution.Rank);
        var expected = (Matrix<double>.Build.DenseOfArray(x).PseudoInverse() * Matrix<double>.Build.DenseOfArray(y)).ToArray();
        Assert.True(MaxAbsDifference(expected, solution.Coefficients) < 1e-10);
    }

    [Fact]
    public void RankDeficient_HasMinimumNorm_AmongEquallyGoodSolutions()
    {
        // Adding a null-space vector (one-hots +1, intercept −1) leaves the fit unchanged but grows the norm.
        var x = RankDeficientDesign();
        var y = Targets(7, 1, seed: 2);
        var b = MinimumNormLeastSquares.Solve(x, y);
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var bm = Matrix<double>.Build.DenseOfArray(b);
        var shifted = bm.Clone();
        for (int i = 0; i < 3; i++) shifted[i, 0] += 0.5;
        shifted[4, 0] -= 0.5;
        var r1 = (xm * bm - Matrix<double>.Build.DenseOfArray(y)).FrobeniusNorm();
        var r2 = (xm * shifted - Matrix<double>.Build.DenseOfArray(y)).FrobeniusNorm();
        Assert.Equal(r1, r2, 10);
        Assert.True(bm.FrobeniusNorm() < shifted.FrobeniusNorm());
        // The minimum-norm solution is orthogonal to the null space.
        double dot = b[0, 0] + b[1, 0] + b[2, 0] - b[4, 0];
        Assert.True(Math.Abs(dot) < 1e-10, $"null-space component {dot}");
    }

    [Fact]
    public void FullRank_ConsistentSystem_IsSolvedExactly()
    {
        var rng = new Random(3);
        var x = new double[20, 4];
        for (int r = 0; r < 20; r++)
            for (int c = 0; c < 4; c++) x[r, c] = rng.NextDouble() * 4 - 2;
        double[,] truth = { { 1.5, -2 }, { 0.25, 3 }, { -1, 0 }, { 2, 0.5 } };
        var y = (Matrix<double>.Build.DenseOfArray(x) * Matrix<double>.Build.DenseOfArray(truth)).ToArray();
        var solution = MinimumNormLeastSquares.Fit(x, y);
        Assert.Equal(4, solution.Rank);
        Assert.True(MaxAbsDifference(truth, solution.Coefficients) < 1e-12);
    }

    [Fact]
    public void FullRank_Overdetermined_SatisfiesTheNormalEquations()
    {
        var rng = new Random(4);
        var x = new double[15, 3];
        for (int r = 0; r < 15; r++)
            for (int c = 0; c < 3; c++) x[r, c] = rng.NextDouble();
        var y = Targets(15, 2, seed: 5);
        var b = Matrix<double>.Build.DenseOfArray(MinimumNormLeastSquares.Solve(x, y));
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var gradient = xm.TransposeThisAndMultiply(xm * b - Matrix<double>.Build.DenseOfArray(y));
        Assert.True(gradient.Enumerate().Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void Underdetermined_ReturnsTheMinimumNormExactSolution()
    {
        // n < p: infinitely many exact solutions; the pseudo-inverse one.
        var x = new double[,] { { 1, 2, 3 }, { 0, 1, 1 } };
        var y = new double[,] { { 4 }, { 1 } };
        var b = MinimumNormLeastSquares.Solve(x, y);
        var expected = (Matrix<double>.Build.DenseOfArray(x).PseudoInverse() * Matrix<double>.Build.DenseOfArray(y)).ToArray();
        Assert.True(MaxAbsDifference(expected, b) < 1e-12);
        Assert.Equal(4.0, b[0, 0] + 2 * b[1, 0] + 3 * b[2, 0], 12);
        Assert.Equal(1.0, b[1, 0] + b[2, 0], 12);
    }

    [Fact]
    public void MismatchedRows_Throw()
    {
        Assert.Throws<ArgumentException>(() => MinimumNormLeastSquares.Solve(new double[3, 2], new double[4, 1]));
    }
}
