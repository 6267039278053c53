using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TaskScaling.Skills;

/// <summary>
/// Vectorised element-wise kernels on spans whose length is a multiple of 4 (Vector256 of doubles);
/// the skill objective pads its cell arrays to that. Reductions run in a fixed order, so results are
/// deterministic on a given machine.
/// </summary>
internal static class SpanMath
{
    public const int Width = 4;
    /// <summary>Cell arrays are padded to a multiple of 8 (one Vector512 of doubles; two Vector256).</summary>
    public const int PadWidth = 8;

    public static int Pad(int n) => (n + PadWidth - 1) / PadWidth * PadWidth;

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

    /// <summary>y = tanh(a·x + b).</summary>
    public static void TanhAffine(ReadOnlySpan<double> x, double a, double b, Span<double> y)
    {
        var va = Vector256.Create(a); var vb = Vector256.Create(b);
        for (int i = 0; i < x.Length; i += Width) Store(Tanh(va * Load(x, i) + vb), y, i);
    }

    /// <summary>y = tanh(y) in place.</summary>
    public static void TanhInPlace(Span<double> y)
    {
        for (int i = 0; i < y.Length; i += Width) Store(Tanh(Load(y, i)), y, i);
    }

    /// <summary>y = sigmoid(x).</summary>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i += Width) Store(Sigmoid(Load(x, i)), y, i);
    }

    /// <summary>y = sigmoid(y + b) in place.</summary>
    public static void SigmoidInPlace(Span<double> y, double b)
    {
        var vb = Vector256.Create(b);
        for (int i = 0; i < y.Length; i += Width) Store(Sigmoid(Load(y, i) + vb), y, i);
    }

    public static void Fill(Span<double> y, double v) => y.Fill(v);

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var va = Vector256.Create(a);
        for (int i = 0; i < x.Length; i += Width) Store(Load(y, i) + va * Load(x, i), y, i);
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var acc = Vector256<double>.Zero;
        for (int i = 0; i < x.Length; i += Width) acc += Load(x, i) * Load(y, i);
        return Vector256.Sum(acc);
    }

    public static double Sum(ReadOnlySpan<double> x)
    {
        var acc = Vector256<double>.Zero;
        for (int i = 0; i < x.Length; i += Width) acc += Load(x, i);
        return Vector256.Sum(acc);
    }

    /// <summary>y = x·s·(1 − t²) (back through a tanh whose output is t).</summary>
    public static void TanhBack(ReadOnlySpan<double> x, double s, ReadOnlySpan<double> t, Span<double> y)
    {
        var vs = Vector256.Create(s);
        for (int i = 0; i < x.Length; i += Width)
        {
            var tv = Load(t, i);
            Store(Load(x, i) * vs * (Vector256<double>.One - tv * tv), y, i);
        }
    }

    /// <summary>y = y·(1 − t²) in place.</summary>
    public static void TanhBackInPlace(Span<double> y, ReadOnlySpan<double> t)
    {
        for (int i = 0; i < y.Length; i += Width)
        {
            var tv = Load(t, i);
            Store(Load(y, i) * (Vector256<double>.One - tv * tv), y, i);
        }
    }

    /// <summary>y = x·g·(1 − g) (back through a sigmoid whose output is g).</summary>
    public static void SigmoidBack(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> y)
    {
        for (int i = 0; i < x.Length; i += Width)
        {
            var gv = Load(g, i);
            Store(Load(x, i) * gv * (Vector256<double>.One - gv), y, i);
        }
    }
}
