using MathNet.Numerics.Distributions;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Data.Samples;

namespace TaskScaling.Skills.TestTime;

/// <summary>Samples drawn from a known item-response model, and the truth they were drawn from.</summary>
/// <param name="Probabilities">True p_mq per model (one per problem, in problem order).</param>
public sealed record GeneratedSamples(SampleFile Samples, double[,] Alpha, double[] Beta, IReadOnlyDictionary<string, double[]> Probabilities);

/// <summary>
/// A seeded stand-in for the public samples (not reachable here): the models' real skills (the same Sloth fit as
/// <see cref="TestTimeScaling.Run"/> makes for the request), item parameters α_qk ~ N(0, 0.7²), β_q ~ N(2, 1.5²), and c ~ Binomial(n, p_mq)
/// with p_mq = sigmoid(θ_mᵀα_q − β_q) — a problem set from easy to nearly impossible, as MATH is for small models.
/// </summary>
public static class TestTimeSampleGenerator
{
    public static GeneratedSamples Generate(LeaderboardTable table, TestTimeRequest request, IReadOnlyList<string> models, int problems = 128, int samples = 10_000, int seed = 42)
    {
        if (problems < 1 || samples < 1) throw new InvalidRequestException("problems and samples must be at least 1");
        var (_, all, theta) = TestTimeScaling.Skills(table, request with { Samples = new SampleFile("generator", models.Select(m => new SampleCount(m, "0", 1, 0)).ToArray()) },
            new ProgressCounter(request.Progress));
        var rng = new Random(seed);
        int d = theta.GetLength(1);
        var alpha = new double[problems, d];
        var beta = new double[problems];
        for (int q = 0; q < problems; q++)
        {
            for (int k = 0; k < d; k++) alpha[q, k] = Normal.Sample(rng, 0, 0.7);
            beta[q] = Normal.Sample(rng, 2, 1.5);
        }
        var truth = new ItemResponseLayer(Enumerable.Range(0, problems).Select(q => q.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), alpha, beta);
        var counts = new List<SampleCount>();
        var probabilities = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var m in models)
        {
            int i = Array.IndexOf(all, m);
            var p = truth.Probabilities(Enumerable.Range(0, d).Select(k => theta[i, k]).ToArray());
            probabilities[m] = p;
            for (int q = 0; q < problems; q++) counts.Add(new SampleCount(m, truth.Problems[q], samples, Binomial.Sample(rng, p[q], samples)));
        }
        return new GeneratedSamples(new SampleFile("generated", counts), alpha, beta, probabilities);
    }
}
