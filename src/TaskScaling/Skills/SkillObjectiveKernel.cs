using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TaskScaling.Skills;

public sealed partial class SkillObjective
{
    /// <summary>
    /// Forward and reverse pass over the cells of benchmark j, fused per chunk of 8 cells so every activation
    /// stays in registers: z → g (sigmoid or network) → ŷ → SmoothL1 → back to z, the network, γ, b, Λ and θ.
    /// Returns Σ h(r) over the benchmark's cells (unscaled); gradients are already scaled by 1/(nJ).
    /// </summary>
    private double BenchmarkKernel(int j, ReadOnlySpan<double> p, Span<double> grad, ref double maeSum)
    {
        var L = Layout;
        int d = _d, np = _np;
        bool net = L.Link == LinkKind.Monotone;
        int netOff = L.Network + j * SkillParameters.NetworkSize;
        if (net)
        {
            for (int t = 0; t < SkillParameters.NetworkSize; t++) { _wb[t] = Vector512.Create(p[netOff + t]); _gacc[t] = Vector512<double>.Zero; }
        }
        double c = 1.0 / (1.0 + Math.Exp(-p[L.Gamma + j]));
        var vb = Vector512.Create(p[L.B + j]);
        var vc = Vector512.Create(c);
        var v1mc = Vector512.Create(1 - c);
        var vBeta = Vector512.Create(Beta);
        var vInvBeta = Vector512.Create(1.0 / Beta);
        var vHalfBeta = Vector512.Create(0.5 * Beta);
        var vHalf = Vector512.Create(0.5);
        var vScale = Vector512.Create(_invCells);
        var one = Vector512<double>.One;
        var lossAcc = Vector512<double>.Zero; var maeAcc = Vector512<double>.Zero;
        var gammaAcc = Vector512<double>.Zero; var bAcc = Vector512<double>.Zero;
        Span<double> lam = stackalloc double[d];
        for (int k = 0; k < d; k++) { lam[k] = p[L.Lambda + j * d + k]; _lamAcc[k] = Vector512<double>.Zero; }
        Span<Vector512<double>> a1 = stackalloc Vector512<double>[SkillParameters.Hidden];
        Span<Vector512<double>> a2 = stackalloc Vector512<double>[SkillParameters.Hidden];
        Span<Vector512<double>> d2 = stackalloc Vector512<double>[SkillParameters.Hidden];
        ref double theta0 = ref _theta[0];
        ref double dTheta0 = ref _dTheta[0];
        ref double y0 = ref _y[j * np];
        ref double mask0 = ref _mask[0];
        for (int i = 0; i < np; i += 8)
        {
            var z = vb;
            for (int k = 0; k < d; k++) z += Vector512.Create(lam[k]) * Vector512.LoadUnsafe(ref theta0, (nuint)(k * np + i));
            Vector512<double> g, u = default;
            if (!net) g = Sigmoid(z);
            else
            {
                u = Tanh(z);
                for (int k = 0; k < SkillParameters.Hidden; k++) a1[k] = Tanh(_wb[SkillParameters.OffW1 + k] * u + _wb[SkillParameters.OffV1 + k]);
                var o = _wb[SkillParameters.OffV3];
                for (int m = 0; m < SkillParameters.Hidden; m++)
                {
                    var acc = _wb[SkillParameters.OffV2 + m];
                    int row = SkillParameters.OffW2 + m * SkillParameters.Hidden;
                    for (int k = 0; k < SkillParameters.Hidden; k++) acc += _wb[row + k] * a1[k];
                    a2[m] = Tanh(acc);
                    o += _wb[SkillParameters.OffW3 + m] * a2[m];
                }
                g = Sigmoid(o);
            }
            var mask = Vector512.LoadUnsafe(ref mask0, (nuint)i);
            var r = vc + v1mc * g - Vector512.LoadUnsafe(ref y0, (nuint)i);
            var a = Vector512.Abs(r);
            var quad = Vector512.LessThan(a, vBeta);
            var h = Vector512.ConditionalSelect(quad, vHalf * r * r * vInvBeta, a - vHalfBeta);
            var sign = Vector512.ConditionalSelect(Vector512.GreaterThan(r, Vector512<double>.Zero), one,
                Vector512.ConditionalSelect(Vector512.LessThan(r, Vector512<double>.Zero), -one, Vector512<double>.Zero));
            var dr = Vector512.ConditionalSelect(quad, r * vInvBeta, sign) * vScale * mask;
            lossAcc += h * mask; maeAcc += a * mask;
            gammaAcc += dr * (one - g);
            var dg = dr * v1mc;
            Vector512<double> dz;
            if (!net) dz = dg * g * (one - g);
            else
            {
                var dO = dg * g * (one - g);
                _gacc[SkillParameters.OffV3] += dO;
                for (int m = 0; m < SkillParameters.Hidden; m++)
                {
                    _gacc[SkillParameters.OffW3 + m] += dO * a2[m];
                    var dm = dO * _wb[SkillParameters.OffW3 + m] * (one - a2[m] * a2[m]);
                    d2[m] = dm;
                    _gacc[SkillParameters.OffV2 + m] += dm;
                    int row = SkillParameters.OffW2 + m * SkillParameters.Hidden;
                    for (int k = 0; k < SkillParameters.Hidden; k++) _gacc[row + k] += dm * a1[k];
                }
                var du = Vector512<double>.Zero;
                for (int k = 0; k < SkillParameters.Hidden; k++)
                {
                    var s = Vector512<double>.Zero;
                    for (int m = 0; m < SkillParameters.Hidden; m++) s += _wb[SkillParameters.OffW2 + m * SkillParameters.Hidden + k] * d2[m];
                    var d1 = s * (one - a1[k] * a1[k]);
                    _gacc[SkillParameters.OffV1 + k] += d1;
                    _gacc[SkillParameters.OffW1 + k] += d1 * u;
                    du += _wb[SkillParameters.OffW1 + k] * d1;
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
        grad[L.Gamma + j] = Vector512.Sum(gammaAcc) * c * (1 - c);
        grad[L.B + j] = Vector512.Sum(bAcc);
        for (int k = 0; k < d; k++) grad[L.Lambda + j * d + k] = Vector512.Sum(_lamAcc[k]);
        if (net) for (int t = 0; t < SkillParameters.NetworkSize; t++) grad[netOff + t] = Vector512.Sum(_gacc[t]);
        maeSum += Vector512.Sum(maeAcc);
        return Vector512.Sum(lossAcc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Tanh(Vector512<double> x)
    {
        // tanh x = 1 − 2/(e^{2x} + 1); |x| ≤ 20 keeps e^{2x} finite and tanh(±20) = ±1 in double.
        x = Vector512.Clamp(x, Vector512.Create(-20.0), Vector512.Create(20.0));
        var e = Vector512.Exp(x + x);
        return Vector512<double>.One - Vector512.Create(2.0) / (e + Vector512<double>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Sigmoid(Vector512<double> x)
    {
        x = Vector512.Clamp(x, Vector512.Create(-500.0), Vector512.Create(500.0));
        return Vector512<double>.One / (Vector512<double>.One + Vector512.Exp(-x));
    }
}
