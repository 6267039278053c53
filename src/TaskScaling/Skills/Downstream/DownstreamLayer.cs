using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Skills.Downstream;

/// <summary>
/// The one-output downstream model of spec §8.1 on given features θ (skills or principal-component scores):
/// ŷ = c + (1 − c)·sigmoid(w·(βᵀθ + a) + b), c = (0 + ε)/(1 + 2ε) ≈ 1e-5 fixed; β, a, w (initialised at 1) and b trained —
/// a d = 1, J = 1 skill fit (<see cref="SkillFitter.FitSigmoid(SkillDesign, double[,], double[], int, bool, SkillFitOptions?)"/>, spec §3.1: SmoothL1, Adam sweep, seed) on the design [θ, 1].
/// </summary>
/// <param name="Weights">β, one per feature.</param>
/// <param name="Intercept">a.</param>
/// <param name="Loading">w, the J = 1 loading (starts at 1).</param>
/// <param name="Bias">b.</param>
public sealed record DownstreamLayer(IReadOnlyList<double> Weights, double Intercept, double Loading, double Bias, double TrainingMae, double LearningRate)
{
    /// <summary>The index the paper plots against: [θ, 1]·[β; a] (without w and b).</summary>
    public double Index(IReadOnlyList<double> features) => Weights.Select((b, k) => b * features[k]).Sum() + Intercept;

    /// <summary>ŷ for one feature row.</summary>
    public double Predict(IReadOnlyList<double> features)
    {
        const double c = 1e-5 / (1 + 2e-5);
        return c + (1 - c) / (1 + Math.Exp(-(Loading * Index(features) + Bias)));
    }

    internal static DownstreamLayer Fit(double[,] features, double[] y, SkillFitOptions options)
    {
        var scores = new double[y.Length, 1];
        for (int i = 0; i < y.Length; i++) scores[i, 0] = y[i];
        var fit = SkillFitter.FitSigmoid(SkillDesign.FromColumns(features), scores, [0.0], 1, trainLowerBound: false, options);
        var w = fit.Coefficients;
        int p = features.GetLength(1);
        return new DownstreamLayer(Enumerable.Range(0, p).Select(k => w[k, 0]).ToArray(), w[p, 0], fit.Loadings[0, 0],
            fit.Parameters[fit.Layout.B], fit.TrainingMae, fit.LearningRate);
    }

    /// <summary>
    /// Bootstrap prediction interval over the training models: for resample b (<see cref="Bootstrap.Resample"/>, seed) refit the
    /// layer and pair its prediction ŷ⁽ᵇ⁾(t) with every out-of-bag residual e = y_i − ŷ⁽ᵇ⁾(θ_i) (i not drawn); the interval is the
    /// (1 ∓ level)/2 quantiles of all ŷ⁽ᵇ⁾(t) + e, clipped to [0, 1]. It covers the layer's refit and its residual scatter, not the
    /// skills' own uncertainty (the Sloth fit is held fixed).
    /// </summary>
    internal static (double Lower, double Upper)[] Interval(double[,] features, double[] y, double[,] targets, SkillFitOptions options,
        int resamples, int seed, double level, ProgressCounter? progress = null)
    {
        int n = y.Length, p = features.GetLength(1), m = targets.GetLength(0);
        var draws = new List<double>[m];
        var perResample = new List<double>[resamples][];
        Parallel.For(0, resamples, b =>
        {
            var idx = Bootstrap.Resample(n, seed, b);
            var x = new double[n, p]; var yy = new double[n];
            for (int i = 0; i < n; i++) { yy[i] = y[idx[i]]; for (int k = 0; k < p; k++) x[i, k] = features[idx[i], k]; }
            var layer = Fit(x, yy, options);
            var drawn = new HashSet<int>(idx);
            var residuals = Enumerable.Range(0, n).Where(i => !drawn.Contains(i)).Select(i => y[i] - layer.Predict(Row(features, i))).ToArray();
            perResample[b] = Enumerable.Range(0, m).Select(t =>
            {
                double yt = layer.Predict(Row(targets, t));
                return residuals.Select(e => yt + e).ToList();
            }).ToArray();
            progress?.Done();
        });
        for (int t = 0; t < m; t++) draws[t] = perResample.SelectMany(r => r[t]).ToList();
        return draws.Select(d =>
        {
            if (d.Count == 0) return (double.NaN, double.NaN);
            var sorted = d.Order().ToArray();
            double lo = MathNet.Numerics.Statistics.SortedArrayStatistics.QuantileCustom(sorted, (1 - level) / 2, MathNet.Numerics.Statistics.QuantileDefinition.R7);
            double hi = MathNet.Numerics.Statistics.SortedArrayStatistics.QuantileCustom(sorted, (1 + level) / 2, MathNet.Numerics.Statistics.QuantileDefinition.R7);
            return (Math.Clamp(lo, 0, 1), Math.Clamp(hi, 0, 1));
        }).ToArray();
    }

    internal static double[] Row(double[,] x, int i) => Enumerable.Range(0, x.GetLength(1)).Select(k => x[i, k]).ToArray();
}
