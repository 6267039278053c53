namespace TaskScaling.Skills;

/// <summary>
/// One fitted link (spec §2): the flat parameter vector in the <see cref="SkillParameters"/> layout (W = [Aᵀ; a],
/// b, Λ, γ, then the monotone networks) and the fit's figures. What a <see cref="SkillModel"/> keeps of a fit; a
/// <see cref="SkillFitResult"/> is one with its design and the optimiser's sweep.
/// </summary>
public record SkillLinkFit
{
    public required LinkKind Link { get; init; }
    /// <summary>Parameters in the <see cref="SkillParameters"/> layout of the design.</summary>
    public required double[] Parameters { get; init; }
    /// <summary>Whether the lower asymptotes c = sigmoid(γ) were trained (stage 2) or fixed at the chance levels (stage 1).</summary>
    public required bool LowerBoundTrained { get; init; }
    /// <summary>Mean |ŷ − y| on the training cells at <see cref="Parameters"/>, fractions (Adam: the best epoch's pre-step value).</summary>
    public required double TrainingMae { get; init; }
    /// <summary>SmoothL1 training loss (β = 0.01) at <see cref="Parameters"/>.</summary>
    public required double Loss { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required bool Converged { get; init; }
    public required string Message { get; init; }
    /// <summary>Adam: the learning rate kept by the sweep; otherwise NaN.</summary>
    public double LearningRate { get; init; } = double.NaN;

    /// <summary>The link alone, without a fit result's design and sweep (the parameters are copied).</summary>
    public static SkillLinkFit From(SkillLinkFit fit) => new(fit) { Parameters = (double[])fit.Parameters.Clone() };
}
