using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TaskScaling.Skills;

/// <summary>
/// The hot loop of <see cref="SkillObjective"/>: forward and reverse pass over every cell, in double or single
/// precision (<typeparamref name="T"/>; single holds 16 cells per 512-bit register instead of 8, as the reference's
/// float32 torch code computes). Parameters arrive and gradients leave in double; cells, skills θ and the per-cell
/// arithmetic are in <typeparamref name="T"/>. Work buffers are allocated once; an evaluation allocates nothing.
/// </summary>
internal sealed class SkillObjectiveKernel<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int H = SkillParameters.Hidden;
    private readonly SkillParameters _layout;
    private readonly SkillDesign _design;
    private readonly int _n, _np, _d, _j;
    private readonly double _invCells;
    private readonly double[] _thetaD;       // d×np, double (θ = [x, D]·W)
    private readonly T[] _y, _mask;          // J×np, np
    private readonly T[] _theta, _dTheta;    // d×np
    private readonly Vector512<T>[] _wb, _gacc, _lamAcc;

    /// <summary>Cells per register (8 in double, 16 in single); rows are padded to a multiple of it.</summary>
    public static int Lanes => Vector512<T>.Count;

    public SkillObjectiveKernel(SkillParameters layout, SkillDesign design, double[,] scores)
    {
        _layout = layout; _design = design;
        _n = design.Rows; _d = layout.Skills; _j = layout.Benchmarks;
        _np = (Math.Max(_n, 1) + Lanes - 1) / Lanes * Lanes;
        _invCells = 1.0 / (_n * (double)_j);
        _y = new T[_j * _np];
        for (int j = 0; j < _j; j++) for (int i = 0; i < _n; i++) _y[j * _np + i] = T.CreateTruncating(scores[i, j]);
        _mask = new T[_np];
        for (int i = 0; i < _n; i++) _mask[i] = T.One;
        _thetaD = new double[_d * _np];
        _theta = new T[_d * _np]; _dTheta = new T[_d * _np];
        _wb = new Vector512<T>[SkillParameters.NetworkSize];
        _gacc = new Vector512<T>[SkillParameters.NetworkSize];
        _lamAcc = new Vector512<T>[_d];
    }

    /// <summary>Mean SmoothL1_β loss at <paramref name="p"/>; fills <paramref name="grad"/> (cleared first); the training MAE in <paramref name="mae"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> p, Span<double> grad, double beta, out double mae)
    {
        grad.Clear();
        SkillObjective.ComputeSkills(p, _design, _thetaD, _np);
        for (int t = 0; t < _thetaD.Length; t++) _theta[t] = T.CreateTruncating(_thetaD[t]);
        Array.Clear(_dTheta);
        double loss = 0, maeSum = 0;
        for (int j = 0; j < _j; j++) loss += Benchmark(j, p, grad, beta, ref maeSum);
        // dW[col, k] += val · dθ_ik
        var L = _layout;
        var rs = _design.RowStart; var col = _design.Column; var val = _design.Value;
        for (int i = 0; i < _n; i++)
            for (int e = rs[i]; e < rs[i + 1]; e++)
            {
                int baseW = L.W + col[e] * _d;
                for (int k = 0; k < _d; k++) grad[baseW + k] += val[e] * double.CreateTruncating(_dTheta[k * _np + i]);
            }
        mae = maeSum * _invCells;
        return loss * _invCells;
    }

    /// <summary>
    /// Forward and reverse pass over the cells of benchmark j, fused per register of cells so every activation
    /// stays in registers: z → g (sigmoid or network) → ŷ → SmoothL1 → back to z, the network, γ, b, Λ and θ.
    /// Returns Σ h(r) over the benchmark's cells (unscaled); gradients are already scaled by 1/(nJ).
    /// </summary>
    private double Benchmark(int j, ReadOnlySpan<double> p, Span<double> grad, double beta, ref double maeSum)
    {
        var L = _layout;
        int d = _d, np = _np, lanes = Lanes;
        bool net = L.Link == LinkKind.Monotone;
        int netOff = L.Network + j * SkillParameters.NetworkSize;
        if (net)
        {
            for (int t = 0; t < SkillParameters.NetworkSize; t++) { _wb[t] = Vector512.Create(T.CreateTruncating(p[netOff + t])); _gacc[t] = Vector512<T>.Zero; }
        }
        double c = 1.0 / (1.0 + Math.Exp(-p[L.Gamma + j]));
        var vb = Vector512.Create(T.CreateTruncating(p[L.B + j]));
        var vc = Vector512.Create(T.CreateTruncating(c));
        var v1mc = Vector512.Create(T.CreateTruncating(1 - c));
        var vBeta = Vector512.Create(T.CreateTruncating(beta));
        var vInvBeta = Vector512.Create(T.CreateTruncating(1.0 / beta));
        var vHalfBeta = Vector512.Create(T.CreateTruncating(0.5 * beta));
        var vHalf = Vector512.Create(T.CreateTruncating(0.5));
        var vScale = Vector512.Create(T.CreateTruncating(_invCells));
        var one = Vector512<T>.One;
        var lossAcc = Vector512<T>.Zero; var maeAcc = Vector512<T>.Zero;
        var gammaAcc = Vector512<T>.Zero; var bAcc = Vector512<T>.Zero;
        Span<T> lam = stackalloc T[d];
        for (int k = 0; k < d; k++) { lam[k] = T.CreateTruncating(p[L.Lambda + j * d + k]); _lamAcc[k] = Vector512<T>.Zero; }
        Span<Vector512<T>> a1 = stackalloc Vector512<T>[H];
        Span<Vector512<T>> a2 = stackalloc Vector512<T>[H];
        Span<Vector512<T>> d2 = stackalloc Vector512<T>[H];
        ref T theta0 = ref _theta[0];
        ref T dTheta0 = ref _dTheta[0];
        ref T y0 = ref _y[j * np];
        ref T mask0 = ref _mask[0];
        // Registers of network weights, gradient accumulators and activations are addressed by reference: the
        // indices are constants and loop counters below H, and dropping the bounds checks saves ≈ 15% per evaluation.
        ref var wb0 = ref _wb[0];
        ref var ga0 = ref _gacc[0];
        ref var a10 = ref a1[0];
        ref var a20 = ref a2[0];
        ref var d20 = ref d2[0];
        for (int i = 0; i < np; i += lanes)
        {
            var z = vb;
            for (int k = 0; k < d; k++) z += Vector512.Create(lam[k]) * Vector512.LoadUnsafe(ref theta0, (nuint)(k * np + i));
            Vector512<T> g, u = default;
            if (!net) g = Sigmoid(z);
            else
            {
                u = Tanh(z);
                for (int k = 0; k < H; k++) Unsafe.Add(ref a10, k) = Tanh(Unsafe.Add(ref wb0, SkillParameters.OffW1 + k) * u + Unsafe.Add(ref wb0, SkillParameters.OffV1 + k));
                var o = Unsafe.Add(ref wb0, SkillParameters.OffV3);
                for (int m = 0; m < H; m++)
                {
                    var acc = Unsafe.Add(ref wb0, SkillParameters.OffV2 + m);
                    int row = SkillParameters.OffW2 + m * H;
                    for (int k = 0; k < H; k++) acc += Unsafe.Add(ref wb0, row + k) * Unsafe.Add(ref a10, k);
                    Unsafe.Add(ref a20, m) = Tanh(acc);
                    o += Unsafe.Add(ref wb0, SkillParameters.OffW3 + m) * Unsafe.Add(ref a20, m);
                }
                g = Sigmoid(o);
            }
            var mask = Vector512.LoadUnsafe(ref mask0, (nuint)i);
            var r = vc + v1mc * g - Vector512.LoadUnsafe(ref y0, (nuint)i);
            var a = Vector512.Abs(r);
            var quad = Vector512.LessThan(a, vBeta);
            var h = Vector512.ConditionalSelect(quad, vHalf * r * r * vInvBeta, a - vHalfBeta);
            var sign = Vector512.ConditionalSelect(Vector512.GreaterThan(r, Vector512<T>.Zero), one,
                Vector512.ConditionalSelect(Vector512.LessThan(r, Vector512<T>.Zero), -one, Vector512<T>.Zero));
            var dr = Vector512.ConditionalSelect(quad, r * vInvBeta, sign) * vScale * mask;
            lossAcc += h * mask; maeAcc += a * mask;
            gammaAcc += dr * (one - g);
            var dg = dr * v1mc;
            Vector512<T> dz;
            if (!net) dz = dg * g * (one - g);
            else
            {
                var dO = dg * g * (one - g);
                Unsafe.Add(ref ga0, SkillParameters.OffV3) += dO;
                for (int m = 0; m < H; m++)
                {
                    Unsafe.Add(ref ga0, SkillParameters.OffW3 + m) += dO * Unsafe.Add(ref a20, m);
                    var dm = dO * Unsafe.Add(ref wb0, SkillParameters.OffW3 + m) * (one - Unsafe.Add(ref a20, m) * Unsafe.Add(ref a20, m));
                    Unsafe.Add(ref d20, m) = dm;
                    Unsafe.Add(ref ga0, SkillParameters.OffV2 + m) += dm;
                    int row = SkillParameters.OffW2 + m * H;
                    for (int k = 0; k < H; k++) Unsafe.Add(ref ga0, row + k) += dm * Unsafe.Add(ref a10, k);
                }
                var du = Vector512<T>.Zero;
                for (int k = 0; k < H; k++)
                {
                    var s = Vector512<T>.Zero;
                    for (int m = 0; m < H; m++) s += Unsafe.Add(ref wb0, SkillParameters.OffW2 + m * H + k) * Unsafe.Add(ref d20, m);
                    var d1 = s * (one - Unsafe.Add(ref a10, k) * Unsafe.Add(ref a10, k));
                    Unsafe.Add(ref ga0, SkillParameters.OffV1 + k) += d1;
                    Unsafe.Add(ref ga0, SkillParameters.OffW1 + k) += d1 * u;
                    du += Unsafe.Add(ref wb0, SkillParameters.OffW1 + k) * d1;
                }
                dz = du * (one - u * u);
            }
            bAcc += dz;
            for (int k = 0; k < d; k++)
            {
                nuint at = (nuint)(k * np + i);
                _lamAcc[k] += dz * Vector512.LoadUnsafe(ref theta0, at);
                (Vector512.LoadUnsafe(ref dTheta0, at) + Vector512.Create(lam[k]) * dz).StoreUnsafe(ref dTheta0, at);
            }
        }
        grad[L.Gamma + j] = double.CreateTruncating(Vector512.Sum(gammaAcc)) * c * (1 - c);
        grad[L.B + j] = double.CreateTruncating(Vector512.Sum(bAcc));
        for (int k = 0; k < d; k++) grad[L.Lambda + j * d + k] = double.CreateTruncating(Vector512.Sum(_lamAcc[k]));
        if (net) for (int t = 0; t < SkillParameters.NetworkSize; t++) grad[netOff + t] = double.CreateTruncating(Vector512.Sum(_gacc[t]));
        maeSum += double.CreateTruncating(Vector512.Sum(maeAcc));
        return double.CreateTruncating(Vector512.Sum(lossAcc));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Exp(Vector512<T> x)
    {
        if (typeof(T) == typeof(double)) return Vector512.Exp(x.As<T, double>()).As<double, T>();
        return ExpSingle(x.As<T, float>()).As<float, T>();
    }

    /// <summary>
    /// e^x in single precision for |x| ≤ 87: e^x = 2^k·e^r with k = round(x/ln 2), r = x − k·ln 2 (ln 2 split in
    /// two for an exact product), |r| ≤ ln2/2, e^r by its Taylor polynomial to r⁷ (truncation ≤ 3e-9 relative, below
    /// float's 6e-8 rounding); 2^k built in the exponent bits. The library's single-precision Exp widens to double.
    /// Called with |x| ≤ 80 only (the clamps of Tanh and Sigmoid).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpSingle(Vector512<float> x)
    {
        var k = Vector512.Round(x * Vector512.Create(1.44269504088896341f));
        var r = x - k * Vector512.Create(0.693359375f);          // ln 2 high part (exact in 9 bits)
        r -= k * Vector512.Create(-2.12194440e-4f);              // ln 2 low part
        var q = Vector512.Create(1f / 5040f);
        q = q * r + Vector512.Create(1f / 720f);
        q = q * r + Vector512.Create(1f / 120f);
        q = q * r + Vector512.Create(1f / 24f);
        q = q * r + Vector512.Create(1f / 6f);
        q = q * r + Vector512.Create(0.5f);
        q = q * r + Vector512<float>.One;
        q = q * r + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(k) + Vector512.Create(127), 23).As<int, float>();
        return q * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Tanh(Vector512<T> x)
    {
        // tanh x = 1 − 2/(e^{2x} + 1); |x| ≤ 20 keeps e^{2x} finite and tanh(±20) = ±1 in both precisions.
        var limit = T.CreateTruncating(20.0);
        x = Vector512.Clamp(x, Vector512.Create(-limit), Vector512.Create(limit));
        var e = Exp(x + x);
        return Vector512<T>.One - Vector512.Create(T.CreateTruncating(2.0)) / (e + Vector512<T>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Sigmoid(Vector512<T> x)
    {
        // |x| ≤ 500 (double) or 80 (single) keeps e^{−x} finite.
        var limit = T.CreateTruncating(typeof(T) == typeof(double) ? 500.0 : 80.0);
        x = Vector512.Clamp(x, Vector512.Create(-limit), Vector512.Create(limit));
        return Vector512<T>.One / (Vector512<T>.One + Exp(-x));
    }
}
