using System.Runtime.Intrinsics;

namespace TaskScaling.Numerics.Training;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias-corrected moments, as torch.optim.Adam with weight decay 0:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; x ← x − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps).
/// Only the entries flagged trainable move (the moments of a frozen entry are kept but never applied). Optional lower
/// bounds are applied to the trainable entries after the step, x ← max(x, lower): the "clamp after every optimiser
/// step" of a projected Adam. The update is element-wise, so it runs 8 entries per 512-bit register with the scalar
/// operations' exact results.
/// </summary>
public sealed class Adam
{
    private readonly double[] _m, _v, _move;
    private readonly double[]? _lower;
    private int _t;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    public double LearningRate { get; set; }

    public Adam(int size, double learningRate, bool[]? trainable = null, double[]? lowerBounds = null)
    {
        if (trainable is not null && trainable.Length != size) throw new ArgumentException("one flag per entry is needed", nameof(trainable));
        if (lowerBounds is not null && lowerBounds.Length != size) throw new ArgumentException("one bound per entry is needed", nameof(lowerBounds));
        // A frozen entry is never clamped.
        if (lowerBounds is not null)
            _lower = lowerBounds.Select((b, i) => trainable is null || trainable[i] ? b : double.NegativeInfinity).ToArray();
        _m = new double[size]; _v = new double[size]; _move = new double[size]; LearningRate = learningRate;
        for (int i = 0; i < size; i++) _move[i] = trainable is null || trainable[i] ? 1.0 : 0.0;
    }

    public void Step(double[] x, double[] g)
    {
        _t++;
        double bc1 = 1 - Math.Pow(Beta1, _t), bc2 = 1 - Math.Pow(Beta2, _t);
        double stepSize = LearningRate / bc1, sqrtBc2 = Math.Sqrt(bc2);
        double b1 = Beta1, c1 = 1 - Beta1, b2 = Beta2, c2 = 1 - Beta2, eps = Epsilon;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vb1 = Vector512.Create(b1); var vc1 = Vector512.Create(c1);
            var vb2 = Vector512.Create(b2); var vc2 = Vector512.Create(c2);
            var vStep = Vector512.Create(stepSize); var vSqrtBc2 = Vector512.Create(sqrtBc2); var vEps = Vector512.Create(eps);
            for (; i + 8 <= x.Length; i += 8)
            {
                var gi = Vector512.Create<double>(g.AsSpan(i, 8));
                var m = vb1 * Vector512.Create<double>(_m.AsSpan(i, 8)) + vc1 * gi;
                var v = vb2 * Vector512.Create<double>(_v.AsSpan(i, 8)) + vc2 * gi * gi;
                m.CopyTo(_m.AsSpan(i, 8)); v.CopyTo(_v.AsSpan(i, 8));
                var delta = vStep * m / (Vector512.Sqrt(v) / vSqrtBc2 + vEps);
                var move = Vector512.Create<double>(_move.AsSpan(i, 8));
                var xi = Vector512.Create<double>(x.AsSpan(i, 8)) - Vector512.ConditionalSelect(Vector512.Equals(move, Vector512<double>.Zero), Vector512<double>.Zero, delta);
                if (_lower is not null)
                {
                    // Written as a select so that the scalar loop's "if (x < lower) x = lower" is reproduced exactly (NaN and −0 kept).
                    var lo = Vector512.Create<double>(_lower.AsSpan(i, 8));
                    xi = Vector512.ConditionalSelect(Vector512.LessThan(xi, lo), lo, xi);
                }
                xi.CopyTo(x.AsSpan(i, 8));
            }
        }
        for (; i < x.Length; i++)
        {
            _m[i] = b1 * _m[i] + c1 * g[i];
            _v[i] = b2 * _v[i] + c2 * g[i] * g[i];
            // torch: denom = sqrt(v)/sqrt(bc2) + eps; x -= (lr/bc1)·m/denom
            if (_move[i] != 0) x[i] -= stepSize * _m[i] / (Math.Sqrt(_v[i]) / sqrtBc2 + eps);
            if (_lower is not null && x[i] < _lower[i]) x[i] = _lower[i];
        }
    }
}
