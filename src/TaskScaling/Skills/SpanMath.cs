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

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var va = Vector256.Create(a);
        for (int i = 0; i < x.Length; i += Width) Store(Load(y, i) + va * Load(x, i), y, i);
    }
}
