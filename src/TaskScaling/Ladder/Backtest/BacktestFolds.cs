using System.Globalization;

namespace TaskScaling.Ladder.Backtest;

/// <summary>
/// The folds of a ladder backtest (a rollout over the ladder's own runs, never the targets):
/// <list type="bullet">
/// <item>size: for each size N beyond the smallest, fit on the runs of smaller N and predict every run of that N;</item>
/// <item>compute: for each compute C = D·F (6·N·D without F) beyond the smallest, fit on the runs of smaller compute and
/// predict the run(s) of that compute — the last fold predicts the largest rung from all others.</item>
/// </list>
/// A fold whose training runs have fewer than 3 distinct N or D, or fewer runs than step 1's 5 parameters, cannot
/// identify step 1 and is skipped with the reason.
/// </summary>
internal static class BacktestFolds
{
    private const int Step1Parameters = 5;

    public static IReadOnlyList<BacktestFold> Of(IReadOnlyList<LadderRun> runs, IReadOnlyList<Step1Point> points, bool useF)
    {
        var folds = new List<BacktestFold>();
        var all = Enumerable.Range(0, runs.Count).ToArray();
        foreach (var n in points.Select(p => p.N).Distinct().Order().Skip(1))
            folds.Add(Fold($"size {runs[Array.FindIndex(all, i => points[i].N == n)].Size}", BacktestFoldKind.Size,
                all.Where(i => points[i].N < n).ToArray(), all.Where(i => points[i].N == n).ToArray()));
        var compute = all.Select(i => RunInput.Of(points[i]).Compute(useF)).ToArray();
        var levels = compute.Distinct().Order().ToArray();
        for (int j = 1; j < levels.Length; j++)
        {
            var held = all.Where(i => compute[i] == levels[j]).ToArray();
            var name = (j == levels.Length - 1 ? "largest rung " : "next compute ") + string.Join("+", held.Select(i => runs[i].Name));
            folds.Add(Fold(name, BacktestFoldKind.Compute, all.Where(i => compute[i] < levels[j]).ToArray(), held));
        }
        return folds;

        BacktestFold Fold(string name, BacktestFoldKind kind, int[] train, int[] held) => new()
        {
            Name = name, Kind = kind, Train = train, HeldOut = held,
            TrainRuns = train.Select(i => runs[i].Name).ToArray(), HeldOutRuns = held.Select(i => runs[i].Name).ToArray(),
            Skipped = Unidentifiable(train.Select(i => points[i]).ToArray()),
        };
    }

    private static string? Unidentifiable(Step1Point[] train)
    {
        var reasons = new List<string>();
        if (train.Length < Step1Parameters) reasons.Add($"{train.Length} training runs, fewer than step 1's {Step1Parameters} parameters");
        int n = train.Select(p => p.N).Distinct().Count(), d = train.Select(p => p.D).Distinct().Count();
        if (n < 3) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{n} distinct N (3 needed)"));
        if (d < 3) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{d} distinct D (3 needed)"));
        return reasons.Count == 0 ? null : "cannot identify step 1: " + string.Join(", ", reasons);
    }
}
