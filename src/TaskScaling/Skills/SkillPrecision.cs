namespace TaskScaling.Skills;

/// <summary>Arithmetic of the skill objective's per-cell work.</summary>
public enum SkillPrecision
{
    /// <summary>IEEE double: 8 cells per 512-bit register; the precision of the gradient checks and of L-BFGS.</summary>
    Double,
    /// <summary>IEEE single, as the reference's float32 torch code: 16 cells per register.</summary>
    Single,
}
