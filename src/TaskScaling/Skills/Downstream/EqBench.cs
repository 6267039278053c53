using TaskScaling.Data.Samples;

namespace TaskScaling.Skills.Downstream;

/// <summary>
/// EQ-Bench scores of 15 chat models (fractions), the example task of spec §8.1: the numbers hard-coded in the Sloth paper's
/// downstream notebook (Maia Polo et al. 2024, public reference code), there in points (82.13 …), with the data_v2 model ids
/// (meta- prefix for llama-3). Shipped as the embedded resource eq-bench.csv (also what `skills downstream --scores` reads).
/// </summary>
public static class EqBench
{
    public const string ResourceName = "TaskScaling.Skills.Downstream.eq-bench.csv";

    /// <summary>The CSV text (model,score).</summary>
    public static string Csv
    {
        get
        {
            using var stream = typeof(EqBench).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"missing embedded resource {ResourceName}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static IReadOnlyList<ModelScore> Scores => ModelScoresReader.Parse(Csv, "eq-bench.csv");
}
