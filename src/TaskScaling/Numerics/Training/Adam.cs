namespace TaskScaling.Numerics.Training;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias-corrected moments, as torch.optim.Adam with weight decay 0:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; x ← x − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps).
/// Only the entries flagged trainable move.
/// </summary>
public sealed class Adam
{
    private readonly double[] _m, _v;
    private readonly bool[]? _trainable;
    private int _t;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    public double LearningRate { get; set; }

    public Adam(int size, double learningRate, bool[]? trainable = null)
    {
        _m = new double[size]; _v = new double[size]; _trainable = trainable; LearningRate = learningRate;
    }

    public void Step(double[] x, double[] g)
    {
        _t++;
        double bc1 = 1 - Math.Pow(Beta1, _t), bc2 = 1 - Math.Pow(Beta2, _t);
        double stepSize = LearningRate / bc1, sqrtBc2 = Math.Sqrt(bc2);
        for (int i = 0; i < x.Length; i++)
        {
            if (_trainable is not null && !_trainable[i]) continue;
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * g[i];
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g[i] * g[i];
            // torch: denom = sqrt(v)/sqrt(bc2) + eps; x -= (lr/bc1)·m/denom
            x[i] -= stepSize * _m[i] / (Math.Sqrt(_v[i]) / sqrtBc2 + Epsilon);
        }
    }
}
