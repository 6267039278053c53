using System.Globalization;
using System.Text;
using TaskScaling.Tests.Ladder.Backtest;

namespace TaskScaling.Tests.Ladder.Predictability;

/// <summary>
/// A synthetic ladder with two tasks on one scaling loss L = e³/N^0.2 + e⁴/D^0.25 + 0.6: "scaling", whose accuracy
/// 0.25 + 0.55·σ(6 (1.05 − L)) rises clearly with size, and "flat", whose accuracy is 0.30 at every size (its signal
/// is its noise). Each checkpoint adds noise of SD 0.004 (scaling) or 0.01 (flat); each run has 40 checkpoints at
/// D·i/40, so its last 10 lie within its last quarter. Six sizes × multiples 1, 2, 5; two targets beyond the ladder.
/// </summary>
internal static class SignalNoiseLadder
{
    // The calibration tests' ladder's sizes, loss law and accuracy (the "scaling" task), and its first two targets.
    private static double[] Sizes => NoisyLadder.Sizes;
    private static double[] Multiples => NoisyLadder.Multiples;
    public static readonly (string Name, double N, double D)[] Targets = NoisyLadder.Targets[..2];

    private static double Loss(double n, double d) => NoisyLadder.Loss(n, d);
    private static double Scaling(double l) => NoisyLadder.Accuracy(l);

    /// <summary>Writes the runs and <c>ladder.json</c>; <paramref name="targetShift"/> is added to both tasks'
    /// accuracies of every target (what a target scored must move no flag). Returns the description's path.</summary>
    public static string Write(string dir, int seed, double targetShift = 0)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string Csv(double n, IEnumerable<double> tokens, double shift, double noise)
        {
            var sb = new StringBuilder("_step,throughput/total_tokens,task_bpb,scaling_acc,flat_acc\n");
            int step = 0;
            foreach (var d in tokens)
            {
                double l = Loss(n, d) * (1 + noise * 0.3 * Normal());
                sb.Append(CultureInfo.InvariantCulture,
                    $"{++step},{Num(d)},{Num(l)},{Num(Scaling(l) + shift + 0.4 * noise * Normal())},{Num(0.30 + shift + noise * Normal())}\n");
            }
            return sb.ToString();
        }
        var runs = new List<string>();
        foreach (var n in Sizes)
            foreach (var k in Multiples)
            {
                var name = $"{n / 1e6:0}M-{k}xC";
                File.WriteAllText(Path.Combine(dir, name + ".csv"), Csv(n, Enumerable.Range(1, 40).Select(i => 20 * k * n * i / 40), 0, 0.01));
                runs.Add($$"""{ "name": "{{name}}", "file": "{{name}}.csv", "size": "{{n / 1e6:0}}M", "parameters": {{Num(n)}}, "flopsPerToken": {{Num(6 * n)}} }""");
            }
        foreach (var (name, n, d) in Targets)
        {
            File.WriteAllText(Path.Combine(dir, name + ".csv"), Csv(n, [d], targetShift, 0));
            runs.Add($$"""{ "name": "{{name}}", "file": "{{name}}.csv", "size": "{{name}}", "parameters": {{Num(n)}}, "flopsPerToken": {{Num(6 * n)}}, "role": "target" }""");
        }
        var path = Path.Combine(dir, "ladder.json");
        File.WriteAllText(path, $$"""
            {
              "name": "signal-noise",
              "runs": [
                {{string.Join(",\n    ", runs)}}
              ],
              "tasks": [
                { "name": "scaling", "chance": 0.25, "loss": [ { "column": "task_bpb" } ], "accuracy": [ { "column": "scaling_acc" } ] },
                { "name": "flat", "chance": 0.25, "loss": [ { "column": "task_bpb" } ], "accuracy": [ { "column": "flat_acc" } ] }
              ]
            }
            """);
        return path;
    }
}
