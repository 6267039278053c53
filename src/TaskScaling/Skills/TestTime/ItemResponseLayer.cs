using TaskScaling.Numerics.Training;

namespace TaskScaling.Skills.TestTime;

/// <summary>
/// The item-response layer of spec §8.2: per problem q, p_mq = sigmoid(θ_mᵀα_q − β_q) for a model with skills θ_m. Fitted on
/// counts (n samples, c correct per model and problem; Bernoulli cells are exchangeable, so counts carry the whole likelihood) by
/// mean binary cross-entropy over the training cells, ε = 1e-10 inside the logs, plus wd·(‖α‖² + ‖β‖²)/(#α + #β).
/// </summary>
/// <param name="Alpha">α (Q×d).</param>
/// <param name="Beta">β (Q).</param>
public sealed record ItemResponseLayer(IReadOnlyList<string> Problems, double[,] Alpha, double[] Beta)
{
    private const double Eps = 1e-10;

    /// <summary>p_q for a model with skills θ, one per problem.</summary>
    public double[] Probabilities(IReadOnlyList<double> theta)
    {
        int q = Beta.Length, d = Alpha.GetLength(1);
        var p = new double[q];
        for (int i = 0; i < q; i++)
        {
            double z = -Beta[i];
            for (int k = 0; k < d; k++) z += theta[k] * Alpha[i, k];
            p[i] = 1 / (1 + Math.Exp(-z));
        }
        return p;
    }

    /// <summary>One (model, problem) block of cells: the model's skills row, the problem, n cells and c correct.</summary>
    internal readonly record struct Block(int Model, int Problem, int N, int C);

    /// <summary>Mean BCE of the blocks at (α, β) (no weight decay).</summary>
    internal static double MeanBce(double[,] theta, IReadOnlyList<Block> blocks, double[] x, int problems)
    {
        double s = 0; long cells = 0;
        foreach (var b in blocks)
        {
            if (b.N == 0) continue;
            double p = P(theta, x, b, problems);
            s -= b.C * Math.Log(p + Eps) + (b.N - b.C) * Math.Log(1 - p + Eps);
            cells += b.N;
        }
        return cells == 0 ? double.NaN : s / cells;
    }

    private static double P(double[,] theta, double[] x, Block b, int problems)
    {
        int d = theta.GetLength(1);
        double z = -x[problems * d + b.Problem];
        for (int k = 0; k < d; k++) z += theta[b.Model, k] * x[b.Problem * d + k];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// Fits α, β from N(0, 10⁻⁴) values (System.Random(seed), Box–Muller) by L-BFGS (<see cref="Lbfgs"/>, history 10, at most
    /// <paramref name="maxIterations"/> iterations) on the regularised mean BCE. Layout of x: α row-major (q·d + k), then β.
    /// </summary>
    internal static double[] Fit(double[,] theta, IReadOnlyList<Block> blocks, int problems, double weightDecay, int seed, int maxIterations)
    {
        int d = theta.GetLength(1), count = problems * (d + 1);
        var rng = new Random(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            x[i] = 1e-4 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        long cells = blocks.Sum(b => (long)b.N);
        if (cells == 0) throw new InvalidRequestException("no training samples");
        double Objective(double[] v, double[] g)
        {
            Array.Clear(g);
            double f = 0;
            foreach (var b in blocks)
            {
                if (b.N == 0) continue;
                double p = P(theta, v, b, problems);
                f -= b.C * Math.Log(p + Eps) + (b.N - b.C) * Math.Log(1 - p + Eps);
                // ∂/∂z of the block's BCE: (−c/(p+ε) + (n−c)/(1−p+ε))·p(1−p).
                double dz = (-b.C / (p + Eps) + (b.N - b.C) / (1 - p + Eps)) * p * (1 - p) / cells;
                for (int k = 0; k < d; k++) g[b.Problem * d + k] += dz * theta[b.Model, k];
                g[problems * d + b.Problem] -= dz;
            }
            f /= cells;
            double reg = weightDecay / count, sq = 0;
            for (int i = 0; i < count; i++) { sq += v[i] * v[i]; g[i] += 2 * reg * v[i]; }
            return f + reg * sq;
        }
        Lbfgs.Minimize(Objective, x, new LbfgsOptions { MaxIterations = maxIterations, History = 10, GradientTolerance = 1e-7, RelativeTolerance = 1e-9 });
        return x;
    }

    internal static ItemResponseLayer From(IReadOnlyList<string> problems, double[] x, int d)
    {
        int q = problems.Count;
        var a = new double[q, d];
        for (int i = 0; i < q; i++) for (int k = 0; k < d; k++) a[i, k] = x[i * d + k];
        return new ItemResponseLayer(problems, a, x[(q * d)..]);
    }
}
