using TaskScaling.Numerics.Rotation;

namespace TaskScaling.Skills;

/// <summary>
/// A fitted skill model made readable (spec §4): skills standardised to identity covariance over the
/// training rows, loadings rotated by oblique geomin, skills oriented to rise with the anchor covariate
/// (log size by default) and translated to mean zero over the training rows. Predictions are unchanged.
/// </summary>
public sealed record SkillInterpretation
{
    public required IReadOnlyList<string> Benchmarks { get; init; }
    /// <summary>Rotated, oriented loadings (J×d): benchmark × skill.</summary>
    public required double[,] Loadings { get; init; }
    /// <summary>Skill correlation diag(s)·Φ·diag(s) (d×d).</summary>
    public required double[,] Correlation { get; init; }
    /// <summary>Names of the design columns (slopes then intercepts), rows of <see cref="Coefficients"/>.</summary>
    public required IReadOnlyList<string> CoefficientNames { get; init; }
    /// <summary>Rotated, oriented coefficients Br (q×d): the map from a design row [x, D] to skills (before translation).</summary>
    public required double[,] Coefficients { get; init; }
    /// <summary>Number of slope rows at the top of <see cref="Coefficients"/> (the rest are intercepts).</summary>
    public required int SlopeRows { get; init; }
    /// <summary>Family names of the intercept rows (empty for a shared intercept).</summary>
    public required IReadOnlyList<string> Families { get; init; }
    /// <summary>Training-set mean m of [x, D]·Br, subtracted from every skill vector.</summary>
    public required double[] Translation { get; init; }
    /// <summary>Skills of the training rows (n×d), translated.</summary>
    public required double[,] TrainingSkills { get; init; }
    /// <summary>The rotation report (null for d = 1).</summary>
    public RotationResult? Rotation { get; init; }
    public required double TrainingMae { get; init; }

    public int SkillCount => Loadings.GetLength(1);

    /// <summary>Intercept of a family (its efficiency), per skill: the family's row of <see cref="Coefficients"/>.</summary>
    public double[] FamilyIntercept(string family)
    {
        int k = Families.ToList().IndexOf(family);
        if (k < 0) throw new InvalidRequestException($"unknown family '{family}'");
        return Enumerable.Range(0, SkillCount).Select(s => Coefficients[SlopeRows + k, s]).ToArray();
    }

    /// <summary>Skills θ̃ = [x, D]·Br − m of any rows with the fit's design columns.</summary>
    public double[,] SkillsOf(SkillDesign design)
    {
        var x = design.ToDense();
        int n = design.Rows, q = Coefficients.GetLength(0), d = SkillCount;
        if (design.Columns != q) throw new InvalidRequestException("design columns differ from the fit's");
        var s = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
            {
                double v = -Translation[k];
                for (int a = 0; a < q; a++) v += x[i, a] * Coefficients[a, k];
                s[i, k] = v;
            }
        return s;
    }

    /// <summary>
    /// Interprets a fit. Steps (spec §4): θ of the training rows; Σ = cov(θ) (divisor n − 1) = RᵀR (Cholesky);
    /// Bs = W·R⁻¹, Λs = Λ·Rᵀ; oblique geomin Λr = Λs·(T⁻¹)ᵀ, Br = Bs·T, Φ = TᵀT; s_k = sign(Br[anchor, k])
    /// flips skill k; m = mean of [x, D]·Br over the training rows.
    /// d = 1: no standardisation or rotation; oriented so the skill rises with the anchor covariate.
    /// </summary>
    /// <param name="anchor">Design row whose coefficient sets each skill's sign (0 = log size with log10 S, T order).</param>
    public static SkillInterpretation Create(SkillFitResult fit, IReadOnlyList<string>? benchmarks = null, int anchor = 0,
        int rotationMaxIterations = GeominRotation.DefaultMaxIterations)
    {
        var design = fit.Design;
        int d = fit.Skills, q = design.Columns, J = fit.Layout.Benchmarks, n = design.Rows;
        if (J > 1 && J < d) throw new InvalidRequestException("interpretation needs at least d benchmarks");
        if (anchor < 0 || anchor >= q) throw new InvalidRequestException("anchor row out of range");
        var W = fit.Coefficients;
        var lam = fit.Loadings;
        double[,] B, Lr, corr;
        RotationResult? rot = null;
        if (d == 1)
        {
            double s = Math.Sign(W[anchor, 0]) >= 0 ? 1 : -1;
            B = new double[q, 1]; Lr = new double[J, 1];
            for (int a = 0; a < q; a++) B[a, 0] = s * W[a, 0];
            for (int j = 0; j < J; j++) Lr[j, 0] = s * lam[j, 0];
            corr = new double[,] { { 1.0 } };
        }
        else
        {
            var theta = fit.SkillsOf(design);
            if (n < d + 1) throw new InvalidRequestException($"interpretation needs more than d = {d} training models");
            var sigma = Covariance(theta);
            var R = CholeskyUpper(sigma); // Σ = RᵀR
            var Rinv = InvertUpper(R);
            var Bs = Multiply(W, Rinv);
            var Ls = Multiply(lam, Transpose(R));
            rot = GeominRotation.Rotate(Ls, maxIterations: rotationMaxIterations);
            B = Multiply(Bs, rot.Rotation);
            Lr = (double[,])rot.Loadings.Clone();
            var sign = new double[d];
            for (int k = 0; k < d; k++) sign[k] = B[anchor, k] >= 0 ? 1 : -1;
            for (int k = 0; k < d; k++)
            {
                for (int a = 0; a < q; a++) B[a, k] *= sign[k];
                for (int j = 0; j < J; j++) Lr[j, k] *= sign[k];
            }
            corr = new double[d, d];
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) corr[a, b] = sign[a] * rot.Phi[a, b] * sign[b];
        }
        var x = design.ToDense();
        var raw = Multiply(x, B);
        var m = new double[d];
        for (int k = 0; k < d; k++) { for (int i = 0; i < n; i++) m[k] += raw[i, k]; m[k] /= n; }
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) raw[i, k] -= m[k];
        return new SkillInterpretation
        {
            Benchmarks = benchmarks?.ToArray() ?? Enumerable.Range(0, J).Select(j => $"benchmark {j + 1}").ToArray(),
            Loadings = Lr, Correlation = corr, CoefficientNames = design.ColumnNames, Coefficients = B,
            SlopeRows = design.SlopeColumns,
            Families = design.Intercept == InterceptKind.Family ? design.FamilyNames : [],
            Translation = m, TrainingSkills = raw, Rotation = rot, TrainingMae = fit.TrainingMae,
        };
    }

    internal static double[,] Covariance(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var mu = new double[d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) mu[k] += x[i, k] / n;
        var c = new double[d, d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += (x[i, a] - mu[a]) * (x[i, b] - mu[b]);
                c[a, b] = s / (n - 1);
            }
        return c;
    }

    /// <summary>Upper-triangular R with Σ = RᵀR (R = Lᵀ of the Cholesky factor Σ = LLᵀ).</summary>
    internal static double[,] CholeskyUpper(double[,] s)
    {
        int d = s.GetLength(0);
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double v = s[i, j];
                for (int k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(v > 0)) throw new InvalidRequestException("the skills are collinear (covariance not positive definite); use fewer skills");
                    l[i, i] = Math.Sqrt(v);
                }
                else l[i, j] = v / l[j, j];
            }
        return Transpose(l);
    }

    internal static double[,] InvertUpper(double[,] r)
    {
        int d = r.GetLength(0);
        var inv = new double[d, d];
        for (int c = 0; c < d; c++)
        {
            // Solve R·x = e_c by back substitution.
            for (int i = d - 1; i >= 0; i--)
            {
                double v = i == c ? 1 : 0;
                for (int k = i + 1; k < d; k++) v -= r[i, k] * inv[k, c];
                inv[i, c] = v / r[i, i];
            }
        }
        return inv;
    }

    internal static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = a.GetLength(1), p = b.GetLength(1);
        var c = new double[n, p];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < m; k++)
            {
                double v = a[i, k];
                if (v == 0) continue;
                for (int j = 0; j < p; j++) c[i, j] += v * b[k, j];
            }
        return c;
    }

    internal static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var t = new double[m, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) t[j, i] = a[i, j];
        return t;
    }
}
