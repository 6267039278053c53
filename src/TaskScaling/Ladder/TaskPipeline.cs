using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>
/// One task's prepared ladder data — a step-1 point and the smoothed step-2 points of every ladder run —
/// and the fits of a variant on any multiset of those runs (the full ladder, a bootstrap resample, or a
/// subset for the compute-vs-error analysis).
/// </summary>
internal sealed class TaskPipeline
{
    public LadderTask Task { get; }
    public LadderVariant Variant { get; }
    public LadderSettings Settings { get; }
    public IReadOnlyList<LadderRun> Runs { get; }
    /// <summary>Step-1 point of each run (aligned with <see cref="Runs"/>): its final checkpoint.</summary>
    public IReadOnlyList<Step1Point> Step1Points { get; }
    /// <summary>Each run's intermediate checkpoints fitted as further step-1 points (<see cref="LadderSettings.Step1Checkpoints"/>; empty by default).</summary>
    public IReadOnlyList<Step1Point[]> Step1Checkpoints { get; }
    /// <summary>Step-2 points of each run after skip and smoothing; empty lists for variants without a ladder step 2.</summary>
    public IReadOnlyList<Step2Point[]> Step2Points { get; }
    public FormSetup Step1Setup { get; }
    /// <summary>Null for variants without a ladder-fitted step 2 (single-step, direct accuracy, MC).</summary>
    public FormSetup? Step2Setup { get; }

    // Step-2 inputs of each run's points, built once and shared (read-only) by every fit's observations.
    private readonly double[][][] _step2X;
    private readonly double[][] _step2Y;
    private static readonly double[] ExtraX = [Step2Data.ExtraPoint.X];

    private TaskPipeline(LadderTask task, LadderVariant variant, LadderSettings settings, IReadOnlyList<LadderRun> runs,
        Step1Point[] s1, Step1Point[][] checkpoints, Step2Point[][] s2, FormSetup step1, FormSetup? step2)
    {
        Task = task; Variant = variant; Settings = settings; Runs = runs;
        Step1Points = s1; Step1Checkpoints = checkpoints; Step2Points = s2; Step1Setup = step1; Step2Setup = step2;
        _step2X = s2.Select(pts => pts.Select(p => new[] { p.X }).ToArray()).ToArray();
        _step2Y = s2.Select(pts => pts.Select(p => p.Y).ToArray()).ToArray();
    }

    /// <param name="step2StartA">Start of step-2 a: null = −1 (the predict script), NaN = chance − 1.</param>
    public static TaskPipeline Create(LadderData data, LadderTask task, IReadOnlyList<LadderRun> runs, LadderVariant variant,
        LadderSettings settings, double? step2StartA = null) => CreateAll(data, [task], runs, variant, settings, step2StartA)[0];

    /// <summary>The pipelines of several tasks, prepared run by run: each run's file is read once, gives its points
    /// to every task, and is then released (<see cref="LadderData.Release"/>), so that a large ladder never holds all
    /// its files and all its points at once.</summary>
    public static TaskPipeline[] CreateAll(LadderData data, IReadOnlyList<LadderTask> tasks, IReadOnlyList<LadderRun> runs,
        LadderVariant variant, LadderSettings settings, double? step2StartA = null)
    {
        settings.Validate();
        bool ladderStep2 = variant is LadderVariant.TwoStep or LadderVariant.Flops;
        // A task that names no feature can still be predicted by the variants that fit accuracy directly.
        var accuracyOnly = tasks.Select(t => variant is LadderVariant.SingleStep or LadderVariant.DirectAccuracy && !LadderData.HasFeature(t, settings.Feature)).ToArray();
        var s1 = tasks.Select(_ => new Step1Point[runs.Count]).ToArray();
        var c1 = tasks.Select(_ => new Step1Point[runs.Count][]).ToArray();
        var s2 = tasks.Select(_ => new Step2Point[runs.Count][]).ToArray();
        for (int r = 0; r < runs.Count; r++)
        {
            for (int k = 0; k < tasks.Count; k++)
            {
                s1[k][r] = accuracyOnly[k] ? AccuracyPoint(data, runs[r], tasks[k], settings) : Step1Data.Point(data, runs[r], tasks[k], settings);
                c1[k][r] = settings.Step1Checkpoints == 1 ? []
                    : Step1Data.Checkpoints(accuracyOnly[k] ? data.AccuracySeries(runs[r], tasks[k]) : data.Series(runs[r], tasks[k], settings.Feature), runs[r], settings);
                s2[k][r] = ladderStep2 ? Step2Data.RunPoints(data, runs[r], tasks[k], settings) : [];
            }
            data.Release(runs[r].File);
        }
        return [.. tasks.Select((task, k) =>
        {
            var step1 = variant switch
            {
                LadderVariant.Flops => LadderForms.Step1Flops,
                LadderVariant.SingleStep => LadderForms.SingleStep(task.Chance),
                LadderVariant.DirectAccuracy => LadderForms.Step1Accuracy,
                _ => LadderForms.Step1,
            };
            double startA = step2StartA is { } a ? (double.IsNaN(a) ? task.Chance - 1 : a) : -1.0;
            FormSetup? step2 = !ladderStep2 ? null
                : settings.Step2Shape == Step2Shape.LogSigmoid ? LadderForms.Step2LogSigmoid : LadderForms.Step2(startA);
            return new TaskPipeline(task, variant, settings, runs, s1[k], c1[k], s2[k], step1, step2);
        })];
    }

    /// <summary>A step-1 point without a feature (X = NaN): D of the last row, Y the mean accuracy of the last rows.</summary>
    private static Step1Point AccuracyPoint(LadderData data, LadderRun run, LadderTask task, LadderSettings settings)
    {
        var s = data.AccuracySeries(run, task);
        var d = s.Tokens[^1];
        if (!(d > 0))
            throw new DataFormatException(s.Source, s.Lines[^1], run.Tokens.Column, $"tokens D must be positive, found {d}");
        return new Step1Point(run.Name, run.Parameters, d, run.FlopsPerToken, double.NaN, RunSeries.TailMean(s.Y, settings.Step1Window));
    }

    /// <summary>True when step 1 predicts accuracy directly (single-step, direct accuracy).</summary>
    public bool PredictsAccuracyDirectly => Variant is LadderVariant.SingleStep or LadderVariant.DirectAccuracy;

    /// <summary>The step-1 input of a run or target: (N, D), or (C = D·F) for the FLOPs variant.</summary>
    public double[] Step1Input(double n, double d, double f) => Variant == LadderVariant.Flops ? [d * f] : [n, d];

    private double Step1Output(Step1Point p) => PredictsAccuracyDirectly ? p.Y : p.X;

    /// <summary>Step 1's points of the runs: each run's final point, then its intermediate checkpoints (if any).</summary>
    public Observations Step1Observations(IReadOnlyList<int> runs)
    {
        var points = runs.SelectMany(i => Step1Checkpoints[i].Length == 0 ? [Step1Points[i]] : Step1Checkpoints[i].Prepend(Step1Points[i])).ToArray();
        return new(points.Select(p => Step1Input(p.N, p.D, p.F)).ToArray(), points.Select(Step1Output).ToArray());
    }

    public Observations Step2Observations(IReadOnlyList<int> runs)
    {
        int n = Settings.Step2ExtraPoint ? 1 : 0;
        foreach (var i in runs) n += _step2Y[i].Length;
        var x = new double[n][];
        var y = new double[n];
        int k = 0;
        foreach (var i in runs)
        {
            _step2X[i].CopyTo(x, k);
            _step2Y[i].CopyTo(y, k);
            k += _step2Y[i].Length;
        }
        if (Settings.Step2ExtraPoint) { x[k] = ExtraX; y[k] = Step2Data.ExtraPoint.Y; }
        return new Observations(x, y);
    }

    /// <summary>Step-2 data of a multiset of runs with each distinct run's points once and weight = the run's
    /// multiplicity (<see cref="Numerics.LeastSquares.FitOptions.Weights"/>): for least squares the same problem as
    /// <see cref="Step2Observations"/> with about 37% fewer rows for a bootstrap resample.</summary>
    public (Observations Data, double[] Weights) Step2WeightedObservations(IReadOnlyList<int> runs)
    {
        var counts = new int[Runs.Count];
        foreach (var i in runs) counts[i]++;
        int n = Settings.Step2ExtraPoint ? 1 : 0;
        for (int i = 0; i < counts.Length; i++) if (counts[i] > 0) n += _step2Y[i].Length;
        var x = new double[n][];
        var y = new double[n];
        var w = new double[n];
        int k = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            int len = _step2Y[i].Length;
            _step2X[i].CopyTo(x, k);
            _step2Y[i].CopyTo(y, k);
            w.AsSpan(k, len).Fill(counts[i]);
            k += len;
        }
        if (Settings.Step2ExtraPoint) { x[k] = ExtraX; y[k] = Step2Data.ExtraPoint.Y; w[k] = 1; }
        return (new Observations(x, y), w);
    }

    /// <summary>Options of a bootstrap refit of step 2: it starts at the full-data optimum, a few iterations from
    /// its own, where plain Levenberg–Marquardt steps (no geodesic acceleration) need fewer model evaluations; no
    /// post-convergence polishing (it refines digits far below the bootstrap's spread).</summary>
    public static Numerics.LeastSquares.FitOptions RefitStep2Options(FormSetup step2) =>
        step2.Options with { GeodesicAcceleration = false, PolishSteps = 0, ComputeCovariance = false };

    /// <summary>Options of a bootstrap refit of step 1: no geodesic acceleration and a relative objective
    /// reduction of 1e-10 to stop (the point estimate keeps the paper's tolerances). Over 2,400 resample fits
    /// of the paper ladder this cuts the iterations by about a third and moves the predicted loss by at most
    /// 7e-5, except in 5 fits that end in another local minimum of the (multi-modal) log-Huber objective —
    /// 2 with a lower and 3 with a higher objective than the accelerated fit: neither setting dominates. No
    /// post-convergence polishing either.</summary>
    public static Numerics.LeastSquares.FitOptions RefitStep1Options(FormSetup step1) =>
        step1.Options with
        {
            GeodesicAcceleration = false, PolishSteps = 0, ComputeCovariance = false,
            FunctionTolerance = Math.Max(step1.Options.FunctionTolerance, 1e-10), StepTolerance = Math.Max(step1.Options.StepTolerance, 1e-10),
        };

    /// <summary>Options of a backtest fold's fit (step 1 and step 2): as a bootstrap refit's (<see cref="RefitStep1Options"/>,
    /// <see cref="RefitStep2Options"/>: no geodesic acceleration, step 1 stops at a relative objective reduction of 1e-10,
    /// no polishing); the covariance, which the fold's interval needs, is asked for by the caller. A fold scores a prediction against an
    /// actual points away; digits beyond 1e-4 of it do not move its error, and the folds are most of the backtest's cost.</summary>
    public static Numerics.LeastSquares.FitOptions FoldOptions(FormSetup setup, bool step1) =>
        step1 ? RefitStep1Options(setup) : RefitStep2Options(setup);

    public int[] AllRuns => Enumerable.Range(0, Runs.Count).ToArray();

    /// <summary>Fits step 1 (and step 2) on the given runs (repetition allowed).</summary>
    /// <param name="warm">Start from these fits' parameters instead of the method's starts (bootstrap refits).</param>
    /// <param name="refit">A bootstrap refit: <see cref="RefitStep1Options"/>, <see cref="RefitStep2Options"/>, repeated
    /// runs' step-2 points weighted instead of repeated (<see cref="Step2WeightedObservations"/>, the same least-squares problem); no covariance.</param>
    /// <param name="maxIterations">A cap on step 1's iterations (backtest folds: a form the fold's runs barely identify
    /// can wander for the setup's 20,000 iterations; the fit then ends as max-iterations-reached).</param>
    /// <param name="step2">Step 2 already fitted on the same runs by another pipeline of the same task and settings
    /// (two-step and flops share step 2; the backtest fits it once per fold); not with <paramref name="refit"/>.</param>
    /// <param name="fold">A backtest fold's fit: <see cref="FoldOptions"/> for both steps.</param>
    public TaskFit Fit(IReadOnlyList<int> runs, TaskFit? warm = null, bool covariance = true, bool refit = false, int? maxIterations = null,
        Func<FittedForm?>? step2 = null, bool fold = false)
    {
        var obs1 = Step1Observations(runs);
        var options1 = refit ? RefitStep1Options(Step1Setup) : fold ? FoldOptions(Step1Setup, step1: true) : null;
        if (maxIterations is { } cap) options1 = (options1 ?? Step1Setup.Options) with { MaxIterations = Math.Min(cap, Step1Setup.Options.MaxIterations) };
        var f1 = Step1Setup.Fit(obs1, warm?.Step1.Fit.Parameters, covariance && !refit, options1);
        FittedForm? f2 = null;
        if (Step2Setup is not null && refit && Step2Setup.Options is { Loss: Numerics.LeastSquares.LossKind.Linear, Weights: null })
        {
            var (obs2, weights) = Step2WeightedObservations(runs);
            f2 = Step2Setup.Fit(obs2, warm?.Step2?.Fit.Parameters, covariance: false, RefitStep2Options(Step2Setup) with { Weights = weights });
        }
        else if (Step2Setup is not null && step2 is not null && !refit)
            f2 = step2();
        else if (Step2Setup is not null)
            f2 = Step2Setup.Fit(Step2Observations(runs), warm?.Step2?.Fit.Parameters, covariance && !refit,
                refit ? RefitStep2Options(Step2Setup) : fold ? FoldOptions(Step2Setup, step1: false) : null);
        double err = 0;
        for (int i = 0; i < obs1.Count; i++) err += Math.Abs(f1.Predict(obs1.X[i]) - obs1.Y[i]) / Math.Abs(obs1.Y[i]);
        return new TaskFit(f1, f2, err / obs1.Count);
    }

    /// <summary>
    /// Refuses, before fitting, a ladder whose step-1 points cannot identify step 1 (all reasons in one message):
    /// fewer points, or fewer distinct inputs, than parameters; and for the (N, D) forms (two-step, mc, single-step,
    /// direct accuracy) fewer than 3 distinct N or 3 distinct D. In A/N^α + B/D^β + E (and the forms built on it) N
    /// enters only through A/N^α at the distinct N: with two of them, (A, α, E) can shift along a line that fits the
    /// points exactly as well (A/N^α + c at both N is again a power law, E − c compensates), so α is not identified
    /// and its interval means nothing; with one, A/N^α is a constant. Likewise D. The flops form needs 3 distinct C.
    /// Only the whole ladder is checked: compute-vs-error fits small subsets on purpose, bootstrap resamples may repeat runs.
    /// </summary>
    public void RequireIdentifiable(string source)
    {
        var reasons = Step1Problems(AllRuns);
        if (reasons.Count > 0)
            throw new InvalidRequestException($"{source}: the ladder runs cannot identify step 1: {string.Join("; ", reasons)}");
        if (Step2Setup is not null)
        {
            int n = Step2Points.Sum(q => q.Length) + (Settings.Step2ExtraPoint ? 1 : 0);
            if (n < Step2Setup.ParameterCount)
                throw new InvalidRequestException(
                    $"{source}: step 2 for task {Task.Name} has {Step2Setup.ParameterCount} parameters but only {n} points after the {Settings.Step2Skip:P0} skip");
        }
    }

    /// <summary>Why the step-1 points of <paramref name="runs"/> cannot identify step 1 (see <see cref="RequireIdentifiable"/>); empty when they can.
    /// Also the check of a backtest fold's training runs.</summary>
    public List<string> Step1Problems(IReadOnlyList<int> runs)
    {
        var reasons = new List<string>();
        var points = runs.SelectMany(i => Step1Checkpoints[i].Prepend(Step1Points[i])).ToArray();
        int p = Step1Setup.ParameterCount;
        string form = $"step 1 ({Step1Setup.Model.Name})";
        string read = $" (as read for task {Task.Name})";
        if (points.Length < p)
            reasons.Add($"{form} has {p} parameters but only {points.Length} points ({(Settings.Step1Checkpoints == 1 ? "one per ladder run" : "the ladder runs' step-1 checkpoints")})");
        else if (points.Select(q => string.Join(",", Step1Input(q.N, q.D, q.F))).Distinct().Count() is var distinct && distinct < p)
            reasons.Add($"{form} has {p} parameters but the {points.Length} ladder runs give only {distinct} distinct inputs");
        if (Variant == LadderVariant.Flops)
            Distinct(points.Select(q => q.D * q.F), "C = D·F", "α", read);
        else
        {
            Distinct(points.Select(q => q.N), "N", "α", "");
            Distinct(points.Select(q => q.D), "D", "β", read);
        }
        return reasons;

        void Distinct(IEnumerable<double> values, string what, string exponent, string note)
        {
            var d = values.Distinct().Order().ToArray();
            if (d.Length >= 3) return;
            var shown = string.Join(", ", d.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            reasons.Add(d.Length == 1
                ? $"all {points.Length} ladder runs have the same {what} = {shown}{note}, so its exponent {exponent} is not identified (3 distinct values needed)"
                : $"the ladder runs have only 2 distinct {what} ({shown}){note}, too few to identify its exponent {exponent} (3 distinct values needed)");
        }
    }
}
