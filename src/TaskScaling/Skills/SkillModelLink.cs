namespace TaskScaling.Skills;

/// <summary>
/// One fitted link of a <see cref="SkillModel"/>: the flat parameter vector in the <see cref="SkillParameters"/>
/// layout (W = [Aᵀ; a], b, Λ, γ, then the monotone networks) and the fit's figures.
/// </summary>
public sealed record SkillModelLink
{
    public required LinkKind Link { get; init; }
    /// <summary>Parameters in the <see cref="SkillParameters"/> layout of the model's design.</summary>
    public required double[] Parameters { get; init; }
    /// <summary>Whether the lower asymptotes c = sigmoid(γ) were trained (stage 2) or fixed at the chance levels (stage 1).</summary>
    public required bool LowerBoundTrained { get; init; }
    /// <summary>Mean |ŷ − y| on the training cells (fractions).</summary>
    public required double TrainingMae { get; init; }
    /// <summary>SmoothL1 training loss (β = 0.01).</summary>
    public required double Loss { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required bool Converged { get; init; }
    public required string Message { get; init; }
    /// <summary>Adam: the learning rate kept by the sweep; otherwise NaN.</summary>
    public double LearningRate { get; init; } = double.NaN;

    /// <summary>The saved form of a fitter's result (the parameters are copied).</summary>
    public static SkillModelLink From(SkillFitResult fit) => new()
    {
        Link = fit.Link, Parameters = (double[])fit.Parameters.Clone(), LowerBoundTrained = fit.LowerBoundTrained,
        TrainingMae = fit.TrainingMae, Loss = fit.Loss, Iterations = fit.Iterations, Evaluations = fit.Evaluations,
        Converged = fit.Converged, Message = fit.Message, LearningRate = fit.LearningRate,
    };
}
