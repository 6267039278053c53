using System.Globalization;
using System.Text;

namespace TaskScaling.Tests.Ladder.Backtest;

/// <summary>
/// A ladder drawn from a known law with noise and a known misspecification, for the calibration tests: task loss
/// L = e³/N^0.2 + e⁴/D^0.25 + 0.6 with checkpoint noise; accuracy 0.25 + 0.55·σ(6 (1.05 − L)) — a sigmoid whose ceiling
/// 0.8 the ladder never reaches, while step 2's point (0, 1) asks for 1 — plus a per-run offset (seed-to-seed spread the
/// checkpoints of one run do not show). Six sizes × multiples 1, 2, 5; three targets far beyond the ladder.
/// </summary>
internal static class NoisyLadder
{
    public static readonly double[] Sizes = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9];
    public static readonly double[] Multiples = [1, 2, 5];
    public static readonly (string Name, double N, double D)[] Targets = [("T1", 7e9, 1e12), ("T2", 1.3e10, 2e12), ("T3", 3e10, 6e11)];

    public static double Loss(double n, double d) => Math.Exp(3) / Math.Pow(n, 0.2) + Math.Exp(4) / Math.Pow(d, 0.25) + 0.6;
    public static double Accuracy(double l) => 0.25 + 0.55 / (1 + Math.Exp(-6 * (1.05 - l)));

    /// <summary>Writes the runs and <c>ladder.json</c>; <paramref name="targetShift"/> is added to every target's accuracy
    /// (what a target scored must never move a prediction). Returns the description's path.</summary>
    public static string Write(string dir, int seed, double targetShift = 0)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string Csv(double n, IEnumerable<double> tokens, double offset, double noise)
        {
            var sb = new StringBuilder("_step,throughput/total_tokens,task_bpb,task_acc\n");
            int step = 0;
            foreach (var d in tokens)
            {
                double l = Loss(n, d) * (1 + noise * 0.3 * Normal());
                sb.Append(CultureInfo.InvariantCulture, $"{++step},{Num(d)},{Num(l)},{Num(Accuracy(l) + offset + noise * Normal())}\n");
            }
            return sb.ToString();
        }
        var runs = new List<string>();
        foreach (var n in Sizes)
            foreach (var k in Multiples)
            {
                var name = $"{n / 1e6:0}M-{k}xC";
                File.WriteAllText(Path.Combine(dir, name + ".csv"), Csv(n, Enumerable.Range(1, 10).Select(i => 20 * k * n * i / 10), 0.008 * Normal(), 0.004));
                runs.Add($$"""{ "name": "{{name}}", "file": "{{name}}.csv", "size": "{{n / 1e6:0}}M", "parameters": {{Num(n)}}, "flopsPerToken": {{Num(6 * n)}} }""");
            }
        foreach (var (name, n, d) in Targets)
        {
            File.WriteAllText(Path.Combine(dir, name + ".csv"), Csv(n, [d], 0.008 * Normal() + targetShift, 0));
            runs.Add($$"""{ "name": "{{name}}", "file": "{{name}}.csv", "size": "{{name}}", "parameters": {{Num(n)}}, "flopsPerToken": {{Num(6 * n)}}, "role": "target" }""");
        }
        var path = Path.Combine(dir, "ladder.json");
        File.WriteAllText(path, $$"""
            {
              "name": "noisy",
              "runs": [
                {{string.Join(",\n    ", runs)}}
              ],
              "tasks": [
                { "name": "task", "chance": 0.25, "loss": [ { "column": "task_bpb" } ], "accuracy": [ { "column": "task_acc" } ] }
              ]
            }
            """);
        return path;
    }
}
