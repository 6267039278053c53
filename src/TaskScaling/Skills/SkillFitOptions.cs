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
    /// A short Adam phase, then projected L-BFGS (<see cref="Numerics.Training.Lbfgs"/> with bounds): the weights are
    /// kept ≥ 0 by an active set and a projected line search instead of clamping after the step or w = ω², so a
    /// weight on its bound can leave it again and the curvature pairs describe the step actually taken.
    /// Faster than the Adam sweep at a higher training loss (see <see cref="SkillFitOptions"/> for the measured trade-off).
    /// </summary>
    AdamThenProjectedLbfgs,
}

/// <summary>
/// Options of a skill-model fit. <see cref="Default"/>: seed 42 drawn from the reference's own random stream
/// (<see cref="SkillInitialisation.Torch"/>); both stages by the reference's Adam procedure (spec §3.1: full-batch Adam,
/// reduce-on-plateau, early stopping on the training MAE, sweep of three learning rates), with the per-cell arithmetic
/// in single precision like the reference's float32 torch code.
/// <para>
/// Measured on the spec §10 fit (79 models × 12 benchmarks in the interpretation notebook's order, d = 3, seed 42;
/// training MAE per lr 0.1 / 0.01 / 0.001 and epochs; BenchmarkDotNet, Release, one core): stage 1 0.024395 / 0.024410 /
/// 0.024543 (1,294 / 3,964 / 8,812 epochs; the reference 0.024387 / 0.024402 / 0.024543 after 1,617 / 4,300 / 8,817) in
/// 0.11 s; stage 2 0.028494 / 0.016564 / 0.017054, lr 0.01 kept like the reference (0.026007 / 0.016540 / 0.018237) in
/// 2.0 s, loss 1.2853e-2; in double precision 0.016601 in 2.7 s. The hybrid <see cref="SkillOptimizer.AdamThenProjectedLbfgs"/>
/// (2,000 Adam epochs, then ≤ 4,000 projected L-BFGS iterations) 1.420e-2 / 0.018052 / 0.55 s: faster but a higher
/// objective — the loss is nearly L1 (β = 0.01 is below the typical residual), which limits a quasi-Newton model.
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
    /// <summary>Seed of the initial values. Every fit (and every learning rate of a sweep) re-seeds, as the reference does.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>
    /// Which stream draws the initial values. <see cref="Default"/> uses <see cref="SkillInitialisation.Torch"/> (the
    /// reference's own initial values for a given seed); the initialiser stays <see cref="SkillInitialisation.SystemRandom"/>
    /// so that fit files saved before this setting existed (no <c>initialisation</c>) refit as they were fitted.
    /// </summary>
    public SkillInitialisation Initialisation { get; init; } = SkillInitialisation.SystemRandom;

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

    /// <summary>The reference's Adam procedure for both stages, in single precision, from the reference's initial values; every fit and the evaluation use it.</summary>
    public static SkillFitOptions Default { get; } = new() { AdamPrecision = SkillPrecision.Single, Initialisation = SkillInitialisation.Torch };
}
