namespace TaskScaling.Skills;

/// <summary>A model a skill model was fitted on: its name and family (provenance; predictions do not use it).</summary>
public sealed record SkillModelTrainingRow(string Model, string Family);
