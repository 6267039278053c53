using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>What the compute-vs-error analysis examines.</summary>
public sealed record ComputeVsErrorRequest
{
    /// <summary>Default: the description's analysisTarget, else its first target.</summary>
    public string? Target { get; init; }
    public IReadOnlyList<string>? Tasks { get; init; }
    /// <summary>Subsets reported per series at most (default 32): a longer series keeps geometrically spaced
    /// steps, always its first and last, so the cost stays linear in the runs times the subsets reported.</summary>
    public int MaxSubsetsPerSeries { get; init; } = 32;
    /// <summary>Called with (subset fits done, subset fits in all) as the fits finish, from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>How ladder subsets grow in each series.</summary>
public enum SubsetSeries
{
    /// <summary>Cumulative sizes from the smallest, all multiples each; x = the largest N.</summary>
    VaryN,
    /// <summary>Cumulative multiples from 1×, all sizes each; x = the largest multiple k.</summary>
    VaryXc,
    /// <summary>Runs sorted by nominal compute F·N·20·k, added one at a time; x = the subset's total nominal compute.</summary>
    VaryCompute,
}

/// <summary>One subset's errors on one task (absolute relative errors at the target).</summary>
public sealed record SubsetError
{
    public required SubsetSeries Series { get; init; }
    /// <summary>Position of the subset in its series (1-based).</summary>
    public required int Step { get; init; }
    public required IReadOnlyList<string> Runs { get; init; }
    /// <summary>The series' x: the largest N (vary N), the largest multiple (vary xC), or total compute (vary compute).</summary>
    public required double X { get; init; }
    /// <summary>Σ over the subset of nominal compute F·N·20·k.</summary>
    public required double TotalCompute { get; init; }
    /// <summary>Nominal compute of the run added last (the reference's plotted x for vary compute).</summary>
    public double? AddedRunCompute { get; init; }
    public required string Task { get; init; }
    public PredictionStatus Status { get; init; } = PredictionStatus.Ok;
    public string? Message { get; init; }
    /// <summary>|L̂ − L| / L.</summary>
    public double? Step1Error { get; init; }
    /// <summary>|Acc(L) − Acc| / Acc, step 2 started at a = chance − 1.</summary>
    public double? Step2Error { get; init; }
    /// <summary>|Acc(L̂) − Acc| / Acc.</summary>
    public double? ChainedError { get; init; }
}

public sealed record ComputeVsErrorReport
{
    public required string Target { get; init; }
    public required IReadOnlyList<SubsetError> Rows { get; init; }
}

/// <summary>
/// Prediction error versus the compute spent on the ladder: refit step 1 and step 2 on growing subsets of
/// the ladder runs (by size, by Chinchilla multiple, and by nominal compute) and record the target's
/// absolute relative errors. Needs each ladder run's chinchillaMultiple (nominal compute F·N·20·k).
/// With one size only, N's exponent is not identified and results depend on the optimiser path.
/// </summary>
public static class ComputeVsError
{
    public static ComputeVsErrorReport Run(LadderDescription description, ComputeVsErrorRequest request)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Run(new LadderData(description) { KeepRunFiles = false }, request);
    }

    /// <summary>As <see cref="Run(LadderDescription, ComputeVsErrorRequest)"/> on data shared with other computations (each file read once).</summary>
    internal static ComputeVsErrorReport Run(LadderData data, ComputeVsErrorRequest request, ProgressCounter? progress = null)
    {
        var description = data.Description;
        var targetName = request.Target ?? description.AnalysisTarget ?? description.Targets.FirstOrDefault()?.Name
            ?? throw new InvalidRequestException($"{description.Source}: no target run to measure errors on");
        var targetRun = description.Target(targetName);
        var runs = description.LadderRuns.ToList();
        if (runs.FirstOrDefault(r => r.ChinchillaMultiple is null) is { } noK)
            throw new InvalidRequestException($"{description.Source}: run '{noK.Name}' has no chinchillaMultiple (needed for the compute axis)");
        if (runs.FirstOrDefault(r => !r.HasFlopsPerToken) is { } noF)
            throw new InvalidRequestException($"{description.Source}: run '{noF.Name}' has no flopsPerToken (needed for the compute axis, C = F·N·20·k)");
        if (request.MaxSubsetsPerSeries < 2)
            throw new InvalidRequestException($"at least 2 subsets per series are needed (the smallest and the whole ladder); got {request.MaxSubsetsPerSeries}");
        var tasks = LadderPredictor.ResolveTasks(description, request.Tasks);
        var settings = LadderSettings.For(LadderFeature.Bpb);
        var target = TargetPoint.Of(data, targetRun);
        var pipelines = TaskPipeline.CreateAll(data, tasks, runs, LadderVariant.TwoStep, settings, double.NaN);
        var actuals = tasks.Select(t => TargetActuals.Of(data.Series(targetRun, t, LadderFeature.Bpb), settings)).ToArray();

        double Nominal(int i) => runs[i].FlopsPerToken * runs[i].Parameters * 20 * runs[i].ChinchillaMultiple!.Value;
        var subsets = new List<(SubsetSeries Series, int Step, int[] Runs, double X, double? Added)>();
        var sizes = runs.Select(r => r.Parameters).Distinct().Order().ToArray();
        foreach (int s in Steps(sizes.Length, request.MaxSubsetsPerSeries))
            subsets.Add((SubsetSeries.VaryN, s + 1, Idx(i => runs[i].Parameters <= sizes[s]), sizes[s], null));
        var multiples = runs.Select(r => r.ChinchillaMultiple!.Value).Distinct().Order().ToArray();
        foreach (int m in Steps(multiples.Length, request.MaxSubsetsPerSeries))
            subsets.Add((SubsetSeries.VaryXc, m + 1, Idx(i => runs[i].ChinchillaMultiple!.Value <= multiples[m]), multiples[m], null));
        var byCompute = Enumerable.Range(0, runs.Count).OrderBy(Nominal).ToArray();
        foreach (int c in Steps(byCompute.Length, request.MaxSubsetsPerSeries).Select(i => i + 1))
        {
            var subset = byCompute.Take(c).Order().ToArray();
            subsets.Add((SubsetSeries.VaryCompute, c, subset, subset.Sum(Nominal), Nominal(byCompute[c - 1])));
        }

        int[] Idx(Func<int, bool> keep) => Enumerable.Range(0, runs.Count).Where(keep).ToArray();

        // The series share subsets (the full ladder ends all three; a size or multiple prefix can equal a compute
        // prefix): fit each distinct subset once per task, in parallel, then fill the rows.
        var distinct = new List<int[]>();
        var subsetOf = new int[subsets.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < subsets.Count; s++)
        {
            var key = string.Join(",", subsets[s].Runs);
            if (!seen.TryGetValue(key, out int d)) { d = distinct.Count; seen.Add(key, d); distinct.Add(subsets[s].Runs); }
            subsetOf[s] = d;
        }
        var fits = new TaskFit[distinct.Count * tasks.Count];
        progress ??= new ProgressCounter(request.Progress);
        progress.Expect(fits.Length);
        Parallel.For(0, fits.Length, Parallelism.PerCore, j =>
        {
            fits[j] = pipelines[j % tasks.Count].Fit(distinct[j / tasks.Count], covariance: false);
            progress.Done();
        });

        var rows = new SubsetError[subsets.Count * tasks.Count];
        Parallel.For(0, rows.Length, Parallelism.PerCore, j =>
        {
            var (series, step, idx, x, added) = subsets[j / tasks.Count];
            int k = j % tasks.Count;
            var p = pipelines[k];
            var a = actuals[k];
            var row = new SubsetError
            {
                Series = series, Step = step, Runs = idx.Select(i => runs[i].Name).ToArray(), X = x,
                TotalCompute = idx.Sum(Nominal), AddedRunCompute = added, Task = p.Task.Name,
            };
            var fit = fits[subsetOf[j / tasks.Count] * tasks.Count + k];
            if (!fit.Usable)
            {
                rows[j] = row with { Status = PredictionStatus.Failed, Message = fit.Problem };
                return;
            }
            double l = fit.Step1.Predict(p.Step1Input(target.N, target.D, target.F ?? double.NaN));
            double s2 = fit.Step2!.Predict(a.Step2Loss), chained = fit.Step2.Predict(l);
            rows[j] = row with
            {
                Message = fit.Note,
                Step1Error = Math.Abs(l - a.Step1Loss) / a.Step1Loss,
                Step2Error = Math.Abs(s2 - a.Accuracy) / a.Accuracy,
                ChainedError = Math.Abs(chained - a.Accuracy) / a.Accuracy,
            };
        });
        return new ComputeVsErrorReport { Target = targetName, Rows = rows };
    }

    /// <summary>
    /// The 0-based positions of a series of <paramref name="count"/> steps to report: all of them when they are
    /// at most <paramref name="max"/>, else round(count^(j/(max−1))) − 1 for j = 0 … max−1 (distinct), which keeps
    /// the first and the last and spaces the rest evenly in log size. A fit on m runs costs about m, so the
    /// series costs Σ m ≤ count · (reported steps) instead of count²/2.
    /// </summary>
    internal static IEnumerable<int> Steps(int count, int max)
    {
        if (count <= max) return Enumerable.Range(0, count);
        return Enumerable.Range(0, max)
            .Select(j => (int)Math.Round(Math.Pow(count, j / (double)(max - 1))) - 1)
            .Select(i => Math.Clamp(i, 0, count - 1))
            .Distinct();
    }
}
