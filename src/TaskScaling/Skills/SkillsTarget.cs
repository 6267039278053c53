namespace TaskScaling.Skills;

/// <summary>One model to predict: a family of the table, its size (billions of parameters) and pre-training tokens (trillions).</summary>
public sealed record SkillsTarget(string Family, double Parameters, double Tokens);
