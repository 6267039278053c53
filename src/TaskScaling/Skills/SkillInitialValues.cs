using TaskScaling.Numerics.Sampling;

namespace TaskScaling.Skills;

/// <summary>
/// The seeded start of a skill-model fit (spec §3.2): A ~ |N(0,1)|, intercepts ~ N(0,1), b ~ N(0,1),
/// Λ ~ |N(0,1)| (J &gt; 1) or 1 (J = 1), γ = logit_ε(c); network weights |U(−1/√fan_in, 1/√fan_in)|, biases U(same).
/// </summary>
internal static class SkillInitialValues
{
    private const int H = SkillParameters.Hidden;

    /// <summary>Every parameter of a fit from scratch (stage 1, or a monotone link trained from random values).</summary>
    public static double[] Draw(SkillParameters layout, int slopeColumns, double[] lowerBounds, int seed,
        SkillInitialisation initialisation = SkillInitialisation.Torch) => initialisation == SkillInitialisation.Torch
        ? DrawTorch(layout, slopeColumns, lowerBounds, seed)
        : DrawSystemRandom(layout, slopeColumns, lowerBounds, seed);

    /// <summary>
    /// Start of a warm-started stage 2: the stage-1 values of W, b (and Λ when J &gt; 1; 1 when J = 1) are copied by the
    /// caller; this draws the fresh networks and sets γ = logit_ε(c₁). With <see cref="SkillInitialisation.Torch"/> the
    /// stream is re-seeded and only the networks draw from it, as in the reference (its warm-started tensors are given,
    /// not drawn); <see cref="SkillInitialisation.SystemRandom"/> draws every parameter as from scratch and the copy
    /// overwrites them.
    /// </summary>
    public static double[] DrawWarmStart(SkillParameters layout, int slopeColumns, double[] lowerAsymptotes, int seed,
        SkillInitialisation initialisation = SkillInitialisation.Torch)
    {
        if (initialisation != SkillInitialisation.Torch) return DrawSystemRandom(layout, slopeColumns, lowerAsymptotes, seed);
        var p = new double[layout.Count];
        SetGamma(layout, p, lowerAsymptotes);
        DrawTorchNetworks(layout, p, new TorchGenerator((ulong)seed));
        return p;
    }

    private static void SetGamma(SkillParameters L, double[] p, double[] lowerBounds)
    {
        for (int j = 0; j < L.Benchmarks; j++) p[L.Gamma + j] = SkillFitter.LogitEps(lowerBounds[j]);
    }

    private static double[] DrawTorch(SkillParameters L, int slopeColumns, double[] lowerBounds, int seed)
    {
        var g = new TorchGenerator((ulong)seed);
        var p = new double[L.Count];
        int d = L.Skills, J = L.Benchmarks;
        // W = [A; a] is stored row-major (column of the design × skill), the layout of the reference's (p×d) and (q×d) tensors.
        var a = g.Normal(slopeColumns * d);
        for (int i = 0; i < a.Length; i++) p[L.W + i] = Math.Abs(a[i]);
        var intercepts = g.Normal((L.Columns - slopeColumns) * d);
        for (int i = 0; i < intercepts.Length; i++) p[L.W + slopeColumns * d + i] = intercepts[i];
        var b = g.Normal(J);
        for (int j = 0; j < J; j++) p[L.B + j] = b[j];
        if (J > 1)
        {
            // The reference draws the loadings as a (d×J) tensor; Λ is stored (J×d).
            var lambda = g.Normal(d * J);
            for (int k = 0; k < d; k++) for (int j = 0; j < J; j++) p[L.Lambda + j * d + k] = Math.Abs(lambda[k * J + j]);
        }
        else for (int k = 0; k < d; k++) p[L.Lambda + k] = 1.0;
        SetGamma(L, p, lowerBounds);
        if (L.Link == LinkKind.Monotone) DrawTorchNetworks(L, p, g);
        return p;
    }

    /// <summary>nn.Linear(1,10), (10,10), (10,1) per benchmark: weight then bias, U(±1/√fan_in), weights made non-negative.</summary>
    private static void DrawTorchNetworks(SkillParameters L, double[] p, TorchGenerator g)
    {
        float b1 = 1f, b2 = (float)(1 / Math.Sqrt(H));
        for (int j = 0; j < L.Benchmarks; j++)
        {
            int o = L.Network + j * SkillParameters.NetworkSize;
            Put(p, o + SkillParameters.OffW1, g.Uniform(H, -b1, b1), abs: true);
            Put(p, o + SkillParameters.OffV1, g.Uniform(H, -b1, b1), abs: false);
            Put(p, o + SkillParameters.OffW2, g.Uniform(H * H, -b2, b2), abs: true);
            Put(p, o + SkillParameters.OffV2, g.Uniform(H, -b2, b2), abs: false);
            Put(p, o + SkillParameters.OffW3, g.Uniform(H, -b2, b2), abs: true);
            Put(p, o + SkillParameters.OffV3, g.Uniform(1, -b2, b2), abs: false);
        }
    }

    private static void Put(double[] p, int offset, float[] values, bool abs)
    {
        for (int i = 0; i < values.Length; i++) p[offset + i] = abs ? Math.Abs(values[i]) : values[i];
    }

    private static double[] DrawSystemRandom(SkillParameters L, int slopeColumns, double[] lowerBounds, int seed)
    {
        var rng = new Random(seed);
        var p = new double[L.Count];
        int d = L.Skills, q = L.Columns;
        // Rows of W: slope columns (A, drawn positive) first, then intercept columns.
        for (int c = 0; c < q; c++)
            for (int k = 0; k < d; k++) p[L.W + c * d + k] = c < slopeColumns ? Math.Abs(Normal(rng)) : Normal(rng);
        for (int j = 0; j < L.Benchmarks; j++) p[L.B + j] = Normal(rng);
        for (int j = 0; j < L.Benchmarks; j++)
            for (int k = 0; k < d; k++) p[L.Lambda + j * d + k] = L.Benchmarks > 1 ? Math.Abs(Normal(rng)) : 1.0;
        SetGamma(L, p, lowerBounds);
        if (L.Link == LinkKind.Monotone)
        {
            double b2 = 1.0 / Math.Sqrt(H);
            for (int j = 0; j < L.Benchmarks; j++)
            {
                int o = L.Network + j * SkillParameters.NetworkSize;
                for (int k = 0; k < H; k++) p[o + SkillParameters.OffW1 + k] = Math.Abs(Uniform(rng, 1.0));
                for (int k = 0; k < H; k++) p[o + SkillParameters.OffV1 + k] = Uniform(rng, 1.0);
                for (int k = 0; k < H * H; k++) p[o + SkillParameters.OffW2 + k] = Math.Abs(Uniform(rng, b2));
                for (int k = 0; k < H; k++) p[o + SkillParameters.OffV2 + k] = Uniform(rng, b2);
                for (int k = 0; k < H; k++) p[o + SkillParameters.OffW3 + k] = Math.Abs(Uniform(rng, b2));
                p[o + SkillParameters.OffV3] = Uniform(rng, b2);
            }
        }
        return p;
    }

    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Uniform(Random rng, double bound) => (2 * rng.NextDouble() - 1) * bound;
}
