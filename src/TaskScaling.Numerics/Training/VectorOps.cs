using System.Numerics;
using System.Runtime.InteropServices;

namespace TaskScaling.Numerics.Training;

/// <summary>The few dense vector kernels the optimisers need (SIMD, tail handled scalar).</summary>
internal static class VectorOps
{
    public static double Dot(double[] a, double[] b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a.AsSpan());
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b.AsSpan());
        var acc = Vector<double>.Zero;
        for (int i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        double r = Vector.Sum(acc);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) r += a[i] * b[i];
        return r;
    }

    /// <summary>y ← y + a·x.</summary>
    public static void Axpy(double a, double[] x, double[] y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x.AsSpan());
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y.AsSpan());
        var va = new Vector<double>(a);
        for (int i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    public static void Scale(double a, double[] x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }

    public static double NormInf(double[] a)
    {
        double m = 0;
        foreach (var v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
