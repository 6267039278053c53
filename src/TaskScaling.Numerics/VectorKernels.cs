using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TaskScaling.Numerics;

/// <summary>
/// The dense vector kernels of the optimisers, the least-squares solver and the skill objective. Element-wise
/// kernels give the same bits at any vector width. A reduction's result depends on its summation order, so each
/// keeps the order its callers' numbers were computed in (System.Numerics.Tensors' TensorPrimitives.Dot and Sum
/// reduce in another order, and its Tanh and Sigmoid use other approximations, so it is not used here).
/// </summary>
internal static class VectorKernels
{
    /// <summary>Lanes of one Vector256 of doubles: the activation kernels need span lengths that are a multiple of it.</summary>
    public const int Width = 4;
    /// <summary>Cell arrays are padded to a multiple of 8 (one Vector512 of doubles; two Vector256).</summary>
    public const int PadWidth = 8;

    /// <summary>n rounded up to a multiple of <see cref="PadWidth"/>.</summary>
    public static int Pad(int n) => (n + PadWidth - 1) / PadWidth * PadWidth;

    /// <summary>
    /// xᵀy with four partial sums: the reduction is latency-bound with one accumulator; the fixed order keeps
    /// results identical on every platform (the least-squares solver).
    /// </summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        y = y[..x.Length];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < x.Length; i += 4)
        {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < x.Length; i++) s0 += x[i] * y[i];
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// xᵀy with one accumulator per lane of <see cref="Vector{T}"/>, summed by <see cref="Vector.Sum{T}"/>, then the
    /// scalar tail: the order L-BFGS's iterates were computed in (it differs from <see cref="Dot"/>'s).
    /// </summary>
    public static double DotLanes(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var acc = Vector<double>.Zero;
        for (int i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        double r = Vector.Sum(acc);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) r += a[i] * b[i];
        return r;
    }

    /// <summary>‖x‖₂: the plain sum of squares (<see cref="Dot"/>), rescaled by max|xᵢ| only when that under- or overflows.</summary>
    public static double Norm(ReadOnlySpan<double> x)
    {
        double ss = Dot(x, x);
        if (ss > 1e-280 && ss < 1e280) return Math.Sqrt(ss);
        double scale = NormInf(x);
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        double t = 0;
        foreach (var e in x) { double u = e / scale; t += u * u; }
        return scale * Math.Sqrt(t);
    }

    /// <summary>max |xᵢ| (0 for an empty x; NaN when some xᵢ is).</summary>
    public static double NormInf(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>y ← y + a·x, element by element (Vector256, the tail scalar).</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        y = y[..x.Length];
        var va = Vector256.Create(a);
        int i = 0;
        for (; i + Width <= x.Length; i += Width) Store(Load(y, i) + va * Load(x, i), y, i);
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>x ← a·x.</summary>
    public static void Scale(double a, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }

    /// <summary>y = tanh(a·x + b); the length a multiple of <see cref="Width"/>.</summary>
    public static void TanhAffine(ReadOnlySpan<double> x, double a, double b, Span<double> y)
    {
        var va = Vector256.Create(a); var vb = Vector256.Create(b);
        for (int i = 0; i < x.Length; i += Width) Store(Tanh(va * Load(x, i) + vb), y, i);
    }

    /// <summary>y = tanh(y) in place; the length a multiple of <see cref="Width"/>.</summary>
    public static void TanhInPlace(Span<double> y)
    {
        for (int i = 0; i < y.Length; i += Width) Store(Tanh(Load(y, i)), y, i);
    }

    /// <summary>y = sigmoid(x); the length a multiple of <see cref="Width"/>.</summary>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i += Width) Store(Sigmoid(Load(x, i)), y, i);
    }

    /// <summary>y = sigmoid(y + b) in place; the length a multiple of <see cref="Width"/>.</summary>
    public static void SigmoidInPlace(Span<double> y, double b)
    {
        var vb = Vector256.Create(b);
        for (int i = 0; i < y.Length; i += Width) Store(Sigmoid(Load(y, i) + vb), y, i);
    }

    private static Vector256<double> Load(ReadOnlySpan<double> s, int i) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    private static void Store(Vector256<double> v, Span<double> s, int i) =>
        v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Tanh(Vector256<double> x)
    {
        // tanh x = 1 − 2/(e^{2x} + 1); |x| ≤ 20 keeps e^{2x} finite and tanh(±20) = ±1 in double.
        x = Vector256.Clamp(x, Vector256.Create(-20.0), Vector256.Create(20.0));
        var e = Vector256.Exp(x + x);
        return Vector256<double>.One - Vector256.Create(2.0) / (e + Vector256<double>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Sigmoid(Vector256<double> x)
    {
        x = Vector256.Clamp(x, Vector256.Create(-500.0), Vector256.Create(500.0));
        return Vector256<double>.One / (Vector256<double>.One + Vector256.Exp(-x));
    }
}
