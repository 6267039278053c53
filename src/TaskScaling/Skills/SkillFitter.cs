using TaskScaling.Numerics.Training;

namespace TaskScaling.Skills;

/// <summary>
/// Fits the skill model (spec §3): stage 1 from a seeded random start with the sigmoid link, stage 2 warm
/// started from stage 1 with fresh monotone networks and trainable lower asymptotes.
/// </summary>
public static class SkillFitter
{
    private const double LogitEpsilon = 1e-5;

    /// <summary>logit_ε(x) = ln((x + ε)/(1 − x + ε)), ε = 1e-5.</summary>
    public static double LogitEps(double x) => Math.Log((x + LogitEpsilon) / (1 - x + LogitEpsilon));

    /// <summary>Stage 1: sigmoid link from the seeded start. <paramref name="trainLowerBound"/>: c trained (FLOPs models) or fixed.</summary>
    public static SkillFitResult FitSigmoid(SkillDesign design, double[,] scores, double[] lowerBounds, int skills,
        bool trainLowerBound, SkillFitOptions? options = null) => FitSigmoid(design, scores, lowerBounds, skills, trainLowerBound, options, null);

    /// <summary><see cref="FitSigmoid(SkillDesign, double[,], double[], int, bool, SkillFitOptions?)"/>, marking each of its
    /// <see cref="Runs"/> optimiser runs done on <paramref name="progress"/>.</summary>
    internal static SkillFitResult FitSigmoid(SkillDesign design, double[,] scores, double[] lowerBounds, int skills,
        bool trainLowerBound, SkillFitOptions? options, ProgressCounter? progress)
    {
        options ??= SkillFitOptions.Default;
        Validate(design, scores, lowerBounds, skills);
        var obj = new SkillObjective(design, scores, skills, LinkKind.Sigmoid, PrecisionOf(options.Optimizer, options));
        var p = SkillInitialValues.Draw(obj.Layout, design.SlopeColumns, lowerBounds, options.Seed, options.Initialisation);
        return Optimise(obj, p, trainLowerBound, options, progress);
    }

    /// <summary>
    /// Stage 2: monotone network link, warm started from a stage-1 fit on the same design and scores
    /// (W and b copied; Λ copied when J &gt; 1, reset to 1 when J = 1; γ restarted at logit_ε(c₁); fresh
    /// networks; c always trained).
    /// </summary>
    public static SkillFitResult FitMonotone(SkillFitResult stage1, double[,] scores, SkillFitOptions? options = null) =>
        FitMonotone(stage1, scores, options, null);

    /// <summary><see cref="FitMonotone(SkillFitResult, double[,], SkillFitOptions?)"/>, marking each of its <see cref="Runs"/>
    /// optimiser runs done on <paramref name="progress"/>.</summary>
    internal static SkillFitResult FitMonotone(SkillFitResult stage1, double[,] scores, SkillFitOptions? options, ProgressCounter? progress)
    {
        options ??= SkillFitOptions.Default;
        var design = stage1.Design;
        int d = stage1.Skills, J = stage1.Layout.Benchmarks;
        var obj = new SkillObjective(design, scores, d, LinkKind.Monotone, PrecisionOf(options.MonotoneOptimizer, options));
        var L = obj.Layout;
        var c1 = stage1.LowerAsymptotes;
        var p = SkillInitialValues.DrawWarmStart(L, design.SlopeColumns, c1, options.Seed, options.Initialisation);
        Array.Copy(stage1.Parameters, stage1.Layout.W, p, L.W, L.Columns * d);
        Array.Copy(stage1.Parameters, stage1.Layout.B, p, L.B, J);
        if (J > 1) Array.Copy(stage1.Parameters, stage1.Layout.Lambda, p, L.Lambda, J * d);
        else for (int k = 0; k < d; k++) p[L.Lambda + k] = 1.0;
        return Optimise(obj, p, true, options, progress);
    }

    /// <summary>
    /// Optimiser runs of one fit with this link, the units of progress: one per learning rate of the Adam sweep, one for
    /// the other optimisers (a hybrid's short Adam phase and its L-BFGS count as one run).
    /// </summary>
    internal static int Runs(SkillFitOptions options, LinkKind link) =>
        (link == LinkKind.Sigmoid ? options.Optimizer : options.MonotoneOptimizer) == SkillOptimizer.Adam ? options.LearningRates.Count : 1;

    private static SkillPrecision PrecisionOf(SkillOptimizer optimizer, SkillFitOptions options) =>
        optimizer == SkillOptimizer.Adam ? options.AdamPrecision : SkillPrecision.Double;

    private static void Validate(SkillDesign design, double[,] scores, double[] lowerBounds, int skills)
    {
        int n = scores.GetLength(0), J = scores.GetLength(1);
        if (skills < 1) throw new InvalidRequestException("the number of skills d must be at least 1");
        if (J > 1 && J < skills) throw new InvalidRequestException($"a joint fit needs at least d = {skills} benchmarks, got {J}");
        if (lowerBounds.Length != J) throw new InvalidRequestException("one lower bound per benchmark is needed");
        if (n < 1 || design.Rows != n) throw new InvalidRequestException("no training models");
        foreach (var v in scores) if (!(v >= 0 && v <= 1)) throw new InvalidRequestException("training scores must lie in [0, 1]");
    }

    private static SkillFitResult Optimise(SkillObjective obj, double[] start, bool trainGamma, SkillFitOptions options, ProgressCounter? progress)
    {
        var which = obj.Layout.Link == LinkKind.Sigmoid ? options.Optimizer : options.MonotoneOptimizer;
        if (which == SkillOptimizer.Adam) return OptimiseAdam(obj, start, trainGamma, options, progress);
        var result = OptimiseOnce(obj, start, trainGamma, options, which);
        progress?.Done();
        return result;
    }

    private static SkillFitResult OptimiseOnce(SkillObjective obj, double[] start, bool trainGamma, SkillFitOptions options, SkillOptimizer which)
    {
        switch (which)
        {
            case SkillOptimizer.Lbfgs: return OptimiseLbfgs(obj, start, trainGamma, options);
            case SkillOptimizer.ProjectedLbfgs: return OptimiseProjected(obj, start, trainGamma, options);
            case SkillOptimizer.AdamThenProjectedLbfgs:
            {
                var warm = HybridAdamPhase(obj, start, trainGamma, options);
                var r = OptimiseProjected(obj, warm.Parameters, trainGamma, options);
                return r with { Iterations = warm.Evaluations + r.Iterations, Evaluations = warm.Evaluations + r.Evaluations,
                    Message = $"{warm.Evaluations} Adam epochs, then projected L-BFGS: {r.Message}" };
            }
            default:
            {
                var warm = HybridAdamPhase(obj, start, trainGamma, options);
                var r = OptimiseLbfgs(obj, warm.Parameters, trainGamma, options);
                return r with { Iterations = warm.Evaluations + r.Iterations, Evaluations = warm.Evaluations + r.Evaluations,
                    Message = $"{warm.Evaluations} Adam epochs, then L-BFGS: {r.Message}" };
            }
        }
    }

    /// <summary>
    /// The Adam phase of a hybrid: one learning rate (<see cref="SkillFitOptions.HybridLearningRate"/>) in
    /// <see cref="SkillFitOptions.AdamPrecision"/>, for <see cref="SkillFitOptions.HybridAdamEpochs"/> epochs without early stopping.
    /// </summary>
    private static SkillFitResult HybridAdamPhase(SkillObjective obj, double[] start, bool trainGamma, SkillFitOptions options) =>
        OptimiseAdam(obj.InPrecision(options.AdamPrecision), start, trainGamma, options with
        {
            LearningRates = [options.HybridLearningRate], MaxEpochs = options.HybridAdamEpochs,
            EarlyStoppingPatience = int.MaxValue,
        });

    /// <summary>Every parameter is trained except γ (the lower bounds c) when c is fixed.</summary>
    private static bool IsTrainable(SkillParameters layout, int i, bool trainGamma) =>
        trainGamma || i < layout.Gamma || i >= layout.Network;

    private static int[] FreeIndices(SkillParameters layout, bool trainGamma) =>
        Enumerable.Range(0, layout.Count).Where(i => IsTrainable(layout, i, trainGamma)).ToArray();

    /// <summary>The fit at <paramref name="parameters"/>: loss and training MAE re-evaluated there.</summary>
    private static SkillFitResult Result(SkillObjective obj, double[] parameters, bool trainGamma, MinimizeResult r)
    {
        double loss = obj.Evaluate(parameters, Span<double>.Empty);
        return new SkillFitResult
        {
            Design = obj.Design, Layout = obj.Layout, Link = obj.Layout.Link, Parameters = parameters, LowerBoundTrained = trainGamma,
            TrainingMae = obj.LastMae, Loss = loss, Iterations = r.Iterations, Evaluations = r.Evaluations,
            Converged = r.Converged, Message = r.Message,
        };
    }

    private static SkillFitResult OptimiseLbfgs(SkillObjective obj, double[] p, bool trainGamma, SkillFitOptions options)
    {
        var L = obj.Layout;
        // Network weights as w = ω².
        var idx = FreeIndices(L, trainGamma);
        var squared = idx.Select(L.IsNetworkWeight).ToArray();
        var u = new double[idx.Length];
        for (int a = 0; a < idx.Length; a++) u[a] = squared[a] ? Math.Sqrt(Math.Max(p[idx[a]], 0)) : p[idx[a]];
        var full = (double[])p.Clone();
        var gFull = new double[L.Count];
        double Objective(double[] x, double[] g)
        {
            for (int a = 0; a < idx.Length; a++) full[idx[a]] = squared[a] ? x[a] * x[a] : x[a];
            double f = obj.Evaluate(full, gFull);
            for (int a = 0; a < idx.Length; a++) g[a] = squared[a] ? 2 * x[a] * gFull[idx[a]] : gFull[idx[a]];
            return f;
        }
        var lb = L.Link == LinkKind.Sigmoid ? options.SigmoidLbfgs : options.MonotoneLbfgs;
        var r = Lbfgs.Minimize(Objective, u, lb);
        for (int a = 0; a < idx.Length; a++) full[idx[a]] = squared[a] ? u[a] * u[a] : u[a];
        return Result(obj, full, trainGamma, r);
    }

    private static SkillFitResult OptimiseProjected(SkillObjective obj, double[] p, bool trainGamma, SkillFitOptions options)
    {
        var L = obj.Layout;
        // Network weights bounded below by 0 (monotone link).
        var idx = FreeIndices(L, trainGamma);
        var x = new double[idx.Length];
        var lower = new double[idx.Length];
        for (int a = 0; a < idx.Length; a++)
        {
            x[a] = p[idx[a]];
            lower[a] = L.IsNetworkWeight(idx[a]) ? 0.0 : double.NegativeInfinity;
        }
        var full = (double[])p.Clone();
        var gFull = new double[L.Count];
        double Objective(double[] v, double[] g)
        {
            for (int a = 0; a < idx.Length; a++) full[idx[a]] = v[a];
            double f = obj.Evaluate(full, gFull);
            for (int a = 0; a < idx.Length; a++) g[a] = gFull[idx[a]];
            return f;
        }
        var lb = L.Link == LinkKind.Sigmoid ? options.SigmoidLbfgs : options.MonotoneLbfgs;
        MinimizeResult r;
        int contIter = 0, contEvals = 0;
        try
        {
            // Smoothing continuation: minimise with a wider SmoothL1 threshold first (smoother, better suited to
            // a quasi-Newton model), then with the model's β.
            foreach (var beta in options.SmoothingContinuation)
            {
                obj.Beta = beta;
                var rc = Lbfgs.Minimize(Objective, x, lower, lb);
                contIter += rc.Iterations; contEvals += rc.Evaluations;
            }
        }
        finally { obj.Beta = SkillObjective.HuberBeta; }
        r = Lbfgs.Minimize(Objective, x, lower, lb);
        r = r with { Iterations = r.Iterations + contIter, Evaluations = r.Evaluations + contEvals };
        for (int a = 0; a < idx.Length; a++) full[idx[a]] = x[a];
        return Result(obj, full, trainGamma, r);
    }

    private static SkillFitResult OptimiseAdam(SkillObjective obj, double[] start, bool trainGamma, SkillFitOptions options, ProgressCounter? progress = null)
    {
        var L = obj.Layout;
        var trainable = new bool[L.Count];
        for (int i = 0; i < L.Count; i++) trainable[i] = IsTrainable(L, i, trainGamma);
        // Network weights are clamped at 0 after every step (monotone link); everything else is free.
        var lower = new double[L.Count];
        for (int i = 0; i < L.Count; i++) lower[i] = L.IsNetworkWeight(i) ? 0.0 : double.NegativeInfinity;
        var grad = new double[L.Count];
        double[]? bestP = null; double bestMae = double.PositiveInfinity, bestLr = double.NaN;
        int bestEpochs = 0, totalEvals = 0;
        var sweep = new List<double>();
        var sweepEpochs = new List<int>();
        foreach (var lr0 in options.LearningRates)
        {
            var p = (double[])start.Clone();
            var adam = new Adam(L.Count, lr0, trainable, lower);
            var plateau = new ReduceOnPlateau();
            var stop = new EarlyStopping(options.EarlyStoppingMinDelta, options.EarlyStoppingPatience);
            var snapshot = (double[])p.Clone();
            int epoch = 0;
            for (; epoch < options.MaxEpochs; epoch++)
            {
                double loss = obj.Evaluate(p, grad);
                double mae = obj.LastMae;
                if (!double.IsFinite(loss)) break;
                bool best = stop.Observe(mae, epoch);
                adam.Step(p, grad);
                // Reference quirk: the best MAE is the pre-step value, the stored parameters the post-step ones.
                if (best) Array.Copy(p, snapshot, p.Length);
                adam.LearningRate = plateau.Step(loss, adam.LearningRate);
                if (stop.ShouldStop) { epoch++; break; }
            }
            totalEvals += epoch;
            sweep.Add(stop.Best);
            sweepEpochs.Add(epoch);
            if (stop.Best < bestMae) { bestMae = stop.Best; bestP = snapshot; bestLr = lr0; bestEpochs = epoch; }
            progress?.Done();
        }
        bestP ??= (double[])start.Clone();
        double finalLoss = obj.Evaluate(bestP, Span<double>.Empty);
        return new SkillFitResult
        {
            Design = obj.Design, Layout = L, Link = L.Link, Parameters = bestP, LowerBoundTrained = trainGamma,
            TrainingMae = bestMae, Loss = finalLoss, Iterations = bestEpochs, Evaluations = totalEvals,
            Converged = double.IsFinite(bestMae), Message = $"Adam sweep kept lr {bestLr}",
            LearningRate = bestLr, SweepMae = sweep, SweepEpochs = sweepEpochs,
        };
    }
}
