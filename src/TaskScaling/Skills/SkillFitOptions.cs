using TaskScaling.Numerics.Training;

namespace TaskScaling.Skills;

/// <summary>How a skill model is optimised.</summary>
public enum SkillOptimizer
{
    /// <summary>
    /// L-BFGS on the SmoothL1 loss. Network weights are kept ≥ 0 by writing them as w = ω²; a weight that reaches
    /// 0 has ∂f/∂ω = 2ω·∂f/∂w = 0 and can never come back, so on stage 2 this stalls in a worse point
    /// (spec §10 fit, 20,000 iterations: loss 1.459e-2, training MAE 0.0185). Kept for comparison.
    /// </summary>
    Lbfgs,
    /// <summary>
    /// The reference procedure (spec §3.1): full-batch Adam, reduce-on-plateau on the loss, early stopping on
    /// the training MAE, sweep of learning rates keeping the lowest best training MAE; weights clamped at 0.
    /// The faithful choice and the default of every fit, the leave-family-out evaluation included.
    /// </summary>
    Adam,
    /// <summary>
    /// A short Adam phase (one learning rate, <see cref="SkillFitOptions.HybridAdamEpochs"/> epochs, no early stop)
    /// to reach a good basin, then L-BFGS in the w = ω² parameterisation (see <see cref="Lbfgs"/>).
    /// </summary>
    AdamThenLbfgs,
    /// <summary>Projected L-BFGS (active set on the bounds w ≥ 0 of the network weights) from the start.</summary>
    ProjectedLbfgs,
    /// <summary>
    /// A short Adam phase, then projected L-BFGS (<see cref="Numerics.Training.ProjectedLbfgs"/>): the weights are
    /// kept ≥ 0 by an active set and a projected line search instead of clamping after the step or w = ω², so a
    /// weight on its bound can leave it again and the curvature pairs describe the step actually taken.
    /// Faster than the Adam sweep at a higher training loss (see <see cref="SkillFitOptions"/> for the measured trade-off).
    /// </summary>
    AdamThenProjectedLbfgs,
}

/// <summary>
/// Options of a skill-model fit. <see cref="Default"/>: seed 42; both stages by the reference's Adam procedure (spec §3.1:
/// full-batch Adam, reduce-on-plateau, early stopping on the training MAE, sweep of three learning rates), with the
/// per-cell arithmetic in single precision like the reference's float32 torch code.
/// <para>
/// Measured on the spec §10 fit (79 models × 12 benchmarks, d = 3, seed 42; stage 2 warm started from stage 1;
/// SmoothL1 loss / training MAE / time, Release, one core, BenchmarkDotNet): the Adam sweep in single precision
/// 1.2678e-2 / 0.016333 / 0.95 s, keeping lr 0.01 like the reference (0.016540 in 123 s; per lr ours 0.020126 /
/// 0.016333 / 0.018056, the reference's 0.026007 / 0.016540 / 0.018237); in double precision 1.2551e-2 / 0.016245 / 2.3 s (lr 0.001 kept, 40,709
/// epochs in all). The hybrid <see cref="SkillOptimizer.AdamThenProjectedLbfgs"/> (2,000 Adam epochs, then ≤ 4,000
/// projected L-BFGS iterations) 1.378e-2 / 0.017599 / 0.73 s: faster but a higher objective — the loss is nearly L1
/// (β = 0.01 is below the typical residual), which limits a quasi-Newton model. The whole leave-family-out grid
/// with the default takes 274 s on two cores (median of 3).
/// </para>
/// </summary>
public sealed record SkillFitOptions
{
    /// <summary>Optimiser of sigmoid-link fits (stage 1).</summary>
    public SkillOptimizer Optimizer { get; init; } = SkillOptimizer.Adam;
    /// <summary>Optimiser of monotone-link fits (stage 2).</summary>
    public SkillOptimizer MonotoneOptimizer { get; init; } = SkillOptimizer.Adam;
    /// <summary>
    /// Arithmetic of the per-cell work in Adam fits and Adam phases (the L-BFGS optimisers always work in double: their
    /// line searches compare losses that differ in the 7th digit). <see cref="Default"/> uses single precision, as the
    /// reference's float32 code (16 cells per 512-bit register: about twice as fast); the initialiser stays double so
    /// that options saved by builds before this setting existed (no <c>adamPrecision</c> in a fit file) refit as they did.
    /// </summary>
    public SkillPrecision AdamPrecision { get; init; } = SkillPrecision.Double;
    /// <summary>Seed of the initial values (System.Random(seed), normals by Box–Muller). Every fit re-seeds.</summary>
    public int Seed { get; init; } = 42;

    // L-BFGS
    public LbfgsOptions SigmoidLbfgs { get; init; } = new() { MaxIterations = 3000, RelativeTolerance = 1e-7, Window = 10 };
    /// <summary>
    /// Stage-2 L-BFGS budget: 4,000 iterations (2,000 left the spec §10 fit at loss 1.406e-2, 4,000 reach 1.328e-2 for
    /// +0.4 s; the whole evaluation's CPU time grows by about a third for the two Sloth methods).
    /// </summary>
    public LbfgsOptions MonotoneLbfgs { get; init; } = new() { MaxIterations = 4000, RelativeTolerance = 1e-6, Window = 10 };

    // Adam (spec §3.1)
    public IReadOnlyList<double> LearningRates { get; init; } = [0.1, 0.01, 0.001];
    public int MaxEpochs { get; init; } = 100_000;
    public int EarlyStoppingPatience { get; init; } = 500;
    public double EarlyStoppingMinDelta { get; init; } = 1e-5;

    /// <summary>Adam phase of <see cref="SkillOptimizer.AdamThenLbfgs"/>: epochs and learning rate.</summary>
    public int HybridAdamEpochs { get; init; } = 2000;
    public double HybridLearningRate { get; init; } = 0.01;

    /// <summary>
    /// Projected L-BFGS only: SmoothL1 thresholds β minimised in turn (each for up to the L-BFGS iteration limit)
    /// before the model's β = 0.01 — a smoothing continuation. Off by default (it triples the cost).
    /// </summary>
    public IReadOnlyList<double> SmoothingContinuation { get; init; } = [];

    /// <summary>The reference's Adam procedure for both stages, in single precision; every fit and the evaluation use it.</summary>
    public static SkillFitOptions Default { get; } = new() { AdamPrecision = SkillPrecision.Single };
}
