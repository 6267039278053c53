using System.Globalization;
using System.Text;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// A small W&amp;B ladder written from known forms, for tests that need data the shipped ladder does not have: task
/// loss L = e^a/N^α + e^b/D^β + E on every checkpoint (10 per run, D from 10% to 100% of 20·k·N), accuracy
/// a₂ σ(k₂ (L − L0)) + b₂ of it; a target of 7B trained on 2T tokens.
/// </summary>
internal static class SyntheticLadder
{
    public static readonly double[] Sizes = [1.5e8, 3e8, 6e8, 1.2e9];
    public static readonly double[] Multiples = [1, 2, 5, 10];

    /// <summary>Writes the run files and <c>ladder.json</c> into <paramref name="dir"/>; returns the description's path.
    /// <paramref name="e"/> is the loss's E; <paramref name="sizeOf"/> maps a run's true N to the N the description states.</summary>
    public static string Write(string dir, double e, Func<double, double>? sizeOf = null)
    {
        static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        double Loss(double n, double d) => Math.Exp(3) / Math.Pow(n, 0.2) + Math.Exp(4) / Math.Pow(d, 0.25) + e;
        static double Accuracy(double l) => -0.6 / (1 + Math.Exp(-5 * (l - 0.9))) + 0.9;
        string Csv(double n, IEnumerable<double> tokens)
        {
            var sb = new StringBuilder("_step,throughput/total_tokens,task_bpb,task_acc\n");
            int step = 0;
            foreach (var d in tokens)
            {
                double l = Loss(n, d);
                sb.Append(CultureInfo.InvariantCulture, $"{++step},{Num(d)},{Num(l)},{Num(Accuracy(l))}\n");
            }
            return sb.ToString();
        }

        var runs = new List<string>();
        foreach (var n in Sizes)
            foreach (var k in Multiples)
            {
                var name = $"{n / 1e6:0}M-{k}xC";
                File.WriteAllText(Path.Combine(dir, name + ".csv"), Csv(n, Enumerable.Range(1, 10).Select(i => 20 * k * n * i / 10)));
                runs.Add($$"""{ "name": "{{name}}", "file": "{{name}}.csv", "size": "{{n / 1e6:0}}M", "parameters": {{Num(sizeOf?.Invoke(n) ?? n)}}, "flopsPerToken": {{Num(6 * n)}}, "chinchillaMultiple": {{k}} }""");
            }
        File.WriteAllText(Path.Combine(dir, "target.csv"), Csv(7e9, [2e12]));
        runs.Add("""{ "name": "7B", "file": "target.csv", "size": "7B", "parameters": 7e9, "flopsPerToken": 4.2e10, "role": "target" }""");
        var path = Path.Combine(dir, "ladder.json");
        File.WriteAllText(path, $$"""
            {
              "name": "synthetic",
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
