using TaskScaling.Numerics.Rotation;
using Xunit.Abstractions;

namespace TaskScaling.Tests.Numerics;

public class RotationGeominTests(ITestOutputHelper output)
{
    // A random J×d matrix from a fixed seed (uniform in [-1, 1]).
    private static double[,] RandomMatrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < cols; k++) m[i, k] = 2 * rng.NextDouble() - 1;
        return m;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = a.GetLength(1), p = b.GetLength(1);
        Assert.Equal(m, b.GetLength(0));
        var c = new double[n, p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += a[i, k] * b[k, j];
                c[i, j] = s;
            }
        return c;
    }

    private static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        return t;
    }

    private static double MaxAbsDifference(double[,] a, double[,] b)
    {
        Assert.Equal(a.GetLength(0), b.GetLength(0));
        Assert.Equal(a.GetLength(1), b.GetLength(1));
        double m = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
        return m;
    }

    // Smallest max-abs difference over all column permutations and sign flips of `actual`.
    private static double DifferenceUpToSignAndOrder(double[,] expected, double[,] actual)
    {
        int d = expected.GetLength(1);
        double best = double.PositiveInfinity;
        foreach (var perm in Permutations(Enumerable.Range(0, d).ToArray()))
            for (int signs = 0; signs < 1 << d; signs++)
            {
                var candidate = new double[actual.GetLength(0), d];
                for (int i = 0; i < actual.GetLength(0); i++)
                    for (int k = 0; k < d; k++)
                        candidate[i, k] = ((signs >> k & 1) == 1 ? -1 : 1) * actual[i, perm[k]];
                best = Math.Min(best, MaxAbsDifference(expected, candidate));
            }
        return best;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }

    [Fact]
    public void Criterion_DecreasesFromTheUnrotatedLoadings()
    {
        var a = RandomMatrix(12, 3, seed: 1);
        var result = GeominRotation.Rotate(a);
        Assert.True(result.Converged, result.Message);
        double before = GeominRotation.Criterion(a);
        Assert.True(result.Criterion < before, $"Q {result.Criterion} not below {before}");
        Assert.Equal(GeominRotation.Criterion(result.Loadings), result.Criterion, 12);
        Assert.True(result.GradientNorm < GeominRotation.DefaultTolerance);
    }

    [Fact]
    public void Criterion_IsNonIncreasingAlongTheFirstIterations()
    {
        // Each accepted step improves Q by more than ½·s²·α > 0 (a forced step after 11 failures is the
        // only exception; it does not happen in these first iterations).
        var a = RandomMatrix(10, 3, seed: 2);
        double previous = GeominRotation.Criterion(a);
        for (int cap = 0; cap < 15; cap++)
        {
            var r = GeominRotation.Rotate(a, maxIterations: cap);
            Assert.True(r.Criterion < previous, $"cap {cap}: Q {r.Criterion} ≥ {previous}");
            previous = r.Criterion;
        }
    }

    [Fact]
    public void Phi_HasUnitDiagonal_AndIsTTransposeT()
    {
        var a = RandomMatrix(15, 4, seed: 3);
        var r = GeominRotation.Rotate(a);
        var t = r.Rotation;
        var tt = Multiply(Transpose(t), t);
        Assert.True(MaxAbsDifference(tt, r.Phi) < 1e-14);
        for (int k = 0; k < 4; k++) Assert.Equal(1.0, r.Phi[k, k], 12);
        // An oblique rotation of random loadings is not orthogonal.
        Assert.True(Math.Abs(r.Phi[0, 1]) + Math.Abs(r.Phi[0, 2]) + Math.Abs(r.Phi[1, 2]) > 1e-3);
    }

    [Fact]
    public void RotatedLoadingsTimesTTransposed_ReconstructTheInput()
    {
        var a = RandomMatrix(9, 3, seed: 4);
        var r = GeominRotation.Rotate(a);
        var back = Multiply(r.Loadings, Transpose(r.Rotation));
        Assert.True(MaxAbsDifference(a, back) < 1e-12, $"max diff {MaxAbsDifference(a, back)}");
    }

    [Fact]
    public void RotatedCoefficients_LeavePredictionsUnchanged()
    {
        // Predictions x·B·Aᵀ equal x·Br·Λrᵀ with Br = B·T and Λr = A·(T⁻¹)ᵀ.
        var a = RandomMatrix(8, 3, seed: 5);
        var b = RandomMatrix(6, 3, seed: 6);
        var r = GeominRotation.Rotate(a);
        var br = GeominRotation.RotateCoefficients(b, r.Rotation);
        Assert.True(MaxAbsDifference(Multiply(b, r.Rotation), br) < 1e-15);
        var before = Multiply(b, Transpose(a));
        var after = Multiply(br, Transpose(r.Loadings));
        Assert.True(MaxAbsDifference(before, after) < 1e-12);
    }

    [Fact]
    public void RecoversAPlantedSimpleStructure_UpToSignAndOrder()
    {
        // Λ (J×3): each variable loads on one factor; factors correlated (Φ with 0.3 off the diagonal).
        // Input A = Λ·Tᵀ for a T with unit columns and TᵀT = Φ, so Λ = A·(T⁻¹)ᵀ is reachable exactly.
        double[,] truth =
        {
            { 0.8, 0, 0 }, { 0.7, 0, 0 }, { 0.6, 0, 0 }, { 0.75, 0, 0 },
            { 0, 0.9, 0 }, { 0, 0.65, 0 }, { 0, 0.7, 0 }, { 0, 0.55, 0 },
            { 0, 0, 0.8 }, { 0, 0, 0.6 }, { 0, 0, 0.85 }, { 0, 0, 0.7 },
        };
        // T = Q·chol(Φ)ᵀ with Q orthogonal (a fixed rotation), so TᵀT = Φ and the start T = I is far off.
        double[,] phi = { { 1, 0.3, 0.3 }, { 0.3, 1, 0.3 }, { 0.3, 0.3, 1 } };
        var cholUpper = Transpose(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(phi).Cholesky().Factor.ToArray());
        var q = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(RandomMatrix(3, 3, seed: 7)).QR().Q.ToArray();
        var t = Multiply(q, cholUpper);
        var a = Multiply(truth, Transpose(t));

        var r = GeominRotation.Rotate(a);
        Assert.True(r.Converged, r.Message);
        double diff = DifferenceUpToSignAndOrder(truth, r.Loadings);
        output.WriteLine($"iterations {r.Iterations}, max |Λr − Λ| up to sign/order = {diff:G4}");
        // Geomin's δ = 0.01 pulls the optimum slightly off exact simple structure when factors correlate;
        // the recovered zeros and loadings must still be within 0.01 of the planted ones (0.0047 here).
        Assert.True(diff < 0.01, $"max diff {diff}");
        // The planted structure is not better than the optimum found.
        Assert.True(r.Criterion <= GeominRotation.Criterion(truth) + 1e-12);
    }

    [Fact]
    public void CriterionGradient_MatchesFiniteDifferences()
    {
        var l = RandomMatrix(7, 3, seed: 8);
        var g = GeominRotation.CriterionGradient(l);
        const double h = 1e-6;
        for (int i = 0; i < 7; i++)
            for (int k = 0; k < 3; k++)
            {
                var plus = (double[,])l.Clone(); plus[i, k] += h;
                var minus = (double[,])l.Clone(); minus[i, k] -= h;
                double fd = (GeominRotation.Criterion(plus) - GeominRotation.Criterion(minus)) / (2 * h);
                Assert.True(Math.Abs(fd - g[i, k]) < 1e-8, $"[{i},{k}] analytic {g[i, k]} vs FD {fd}");
            }
    }

    [Fact]
    public void RotationGradient_MatchesFiniteDifferencesOfQOfT()
    {
        // G = −(Lᵀ·∂Q/∂L·T⁻¹)ᵀ is the gradient of f(T) = Q(A·(T⁻¹)ᵀ).
        var a = RandomMatrix(9, 3, seed: 9);
        var t = RandomMatrix(3, 3, seed: 10);
        for (int k = 0; k < 3; k++) t[k, k] += 2; // well conditioned
        var g = GeominRotation.RotationGradient(a, t);
        double F(double[,] tm)
        {
            var inv = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(tm).Inverse().Transpose().ToArray();
            return GeominRotation.Criterion(Multiply(a, inv));
        }
        const double h = 1e-6;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
            {
                var plus = (double[,])t.Clone(); plus[r, c] += h;
                var minus = (double[,])t.Clone(); minus[r, c] -= h;
                double fd = (F(plus) - F(minus)) / (2 * h);
                Assert.True(Math.Abs(fd - g[r, c]) < 1e-7, $"[{r},{c}] analytic {g[r, c]} vs FD {fd}");
            }
    }

    [Fact]
    public void ReleasedCap_StopsUnconverged_OnAHardCase_WhileTheDefaultConverges()
    {
        var a = HardCase();
        var capped = GeominRotation.Rotate(a, maxIterations: GeominRotation.ReleasedCodeMaxIterations);
        var full = GeominRotation.Rotate(a);
        output.WriteLine($"capped: {capped.Message}; full: {full.Message}");
        Assert.False(capped.Converged);
        Assert.Equal(GeominRotation.ReleasedCodeMaxIterations + 1, capped.Iterations); // loop 0..maxit
        Assert.True(capped.GradientNorm >= GeominRotation.DefaultTolerance);
        Assert.True(full.Converged, full.Message);
        Assert.True(full.Iterations > GeominRotation.ReleasedCodeMaxIterations);
        Assert.True(full.Criterion <= capped.Criterion);
    }

    // Random 12×4 loadings (seed 36) that need ≈ 1,750 GPA iterations to reach tol = 1e-5.
    internal static double[,] HardCase() => RandomMatrix(12, 4, seed: 36);

    [Fact]
    public void MatchesGPArotationGeominQ_OnAbilityCovLoadings()
    {
        // GPArotation's tests/rotations.R (test 17): geominQ(L, eps = 1e-5) with
        // L = loadings(factanal(factors = 2, covmat = ability.cov)). The same file (test 10) gives
        // Varimax(L, eps = 1e-8), an orthogonal rotation L·M of L; oblique geomin has the same optima for
        // L·M as for L (Λr = L·M·((MᵀT)⁻¹)ᵀ = L·(T⁻¹)ᵀ), so rotating the Varimax loadings must reach the
        // published geominQ loadings, up to column order and sign.
        double[,] varimaxOfL =
        {
            { 0.515866523962843160, 0.527879475961036904 },
            { 0.175054634278874244, 0.616460231981747930 },
            { 0.232057748479543163, 0.853211588623112749 },
            { 0.122822468397975171, 0.464213243286899446 },
            { 0.961376376417989453, 0.152689863976982837 },
            { 0.791292800869773050, 0.200653429940987366 },
        };
        double[,] geominQ =
        {
            { 0.39672053553904490508, 0.4713295988080449250 },
            { 0.00424452688463150020, 0.6389466007374070555 },
            { -0.00510976786312981532, 0.8864521406378518265 },
            { -0.00646959173137159373, 0.4830101828530461994 },
            { 0.98709860078485589518, -0.0318959930081098297 },
            { 0.79011178369962709045, 0.0558689642678330683 },
        };
        var r = GeominRotation.Rotate(varimaxOfL, tolerance: 1e-7);
        double diff = DifferenceUpToSignAndOrder(geominQ, r.Loadings);
        output.WriteLine($"{r.Message}; max |diff| vs GPArotation = {diff:G4}");
        Assert.True(r.Converged, r.Message);
        // GPArotation's own test compares at 1e-6 (its `fuzz`).
        Assert.True(diff < 1e-6, $"max diff {diff}");
    }

    [Fact]
    public void SameInput_GivesIdenticalOutput()
    {
        var a = RandomMatrix(10, 3, seed: 12);
        var r1 = GeominRotation.Rotate(a);
        var r2 = GeominRotation.Rotate(a);
        Assert.Equal(0.0, MaxAbsDifference(r1.Loadings, r2.Loadings));
        Assert.Equal(r1.Iterations, r2.Iterations);
    }
}
