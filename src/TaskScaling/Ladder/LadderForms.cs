using TaskScaling.Numerics.Forms;
using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Ladder;

/// <summary>
/// The forms of the method with the paper's starts, bounds and fits (spec §4–§6). Step-1 fits minimise
/// Σ Huber_δ(ln f − ln y), δ = 1e-3 (log-space Huber); step-2 fits are ordinary bounded least squares.
/// </summary>
internal static class LadderForms
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>Log-space Huber (δ = 1e-3), gradient tolerance 1e-10, no function tolerance (as the reference).</summary>
    public static FitOptions LogHuber { get; } = new()
    {
        Loss = LossKind.Huber, HuberDelta = 1e-3, LogSpace = true,
        GradientTolerance = 1e-10, FunctionTolerance = 0, MaxIterations = 20_000,
    };

    /// <summary>Ordinary least squares with the reference's tolerances (ftol = xtol = gtol = 1e-8).</summary>
    public static FitOptions Ols { get; } = new()
    {
        Loss = LossKind.Linear, FunctionTolerance = 1e-8, StepTolerance = 1e-8, GradientTolerance = 1e-8, MaxIterations = 10_000,
    };

    /// <summary>Step 1: L = e^(a − α ln N) + e^(b − β ln D) + E, start (3, 6, 0.1, 0.2, 1), all ≥ 0.</summary>
    public static FormSetup Step1 { get; } = new(PowerLawNd.Instance, [3, 6, 0.1, 0.2, 1], [0, 0, 0, 0, 0], [Inf, Inf, Inf, Inf, Inf], LogHuber);

    /// <summary>FLOPs step 1: L = e^(a − α ln C) + E, start (3, 0.1, 1), a ≥ 0, α ∈ [0, 1], E ≥ 0.</summary>
    public static FormSetup Step1Flops { get; } = new(PowerLawCompute.Instance, [3, 0.1, 1], [0, 0, 0], [Inf, 1, Inf], LogHuber);

    /// <summary>Step 1 on accuracy: −e^a/N^α − e^b/D^β + E, start (2, 2, 0.2, 0.2, 1), a, b, α ≥ 0, β and E free.</summary>
    public static FormSetup Step1Accuracy { get; } = new(NegatedPowerLawNd.Instance, [2, 2, 0.2, 0.2, 1],
        [0, 0, 0, double.NegativeInfinity, double.NegativeInfinity], [Inf, Inf, Inf, Inf, Inf], LogHuber);

    /// <summary>Single step: max(1e-6, p σ(e^a/N^α + e^b/D^β + E) + q), start (3, 5, 0.2, 0.3, 0, chance − 1, 1).</summary>
    public static FormSetup SingleStep(double chance) => new(SingleStepSigmoid.Instance, [3, 5, 0.2, 0.3, 0, chance - 1, 1],
        [0, 0, 0, 0, double.NegativeInfinity, -1, 0], [Inf, Inf, Inf, Inf, Inf, 0, 1], LogHuber);

    /// <summary>Step 2: a σ(k (L − L0)) + b, a ∈ [−1, 0], L0, k ≥ 0, b ∈ [0, 1]; start (startA, 0.9, 3, 1).
    /// The predict script starts a at −1; the step-2 script and the analyses at chance − 1.</summary>
    public static FormSetup Step2(double startA = -1.0) => new(Sigmoid.Instance, [startA, 0.9, 3, 1], [-1, 0, 0, 0], [0, Inf, Inf, 1], Ols);

    /// <summary>Log-sigmoid step 2 (task-CE feature): 1 + a softplus(k (L − L0)), a ≤ 0, L0, k ≥ 0, start (−0.1, 0.9, 3).</summary>
    public static FormSetup Step2LogSigmoid { get; } = new(LogSigmoid.Instance, [-0.1, 0.9, 3], [double.NegativeInfinity, 0, 0], [0, Inf, Inf], Ols);

    /// <summary>MC step 2: floor and ceiling pinned at chance and 1 (a ∈ [chance − 1, chance − 0.999], b ∈ [0.999, 1]).</summary>
    public static FormSetup Step2Mc(double chance) => new(Sigmoid.Instance, [chance - 1, 0.9, 3, 1],
        [chance - 1, 0, 0, 0.999], [chance - 0.999, Inf, Inf, 1], Ols);
}
