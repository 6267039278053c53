namespace TaskScaling.Skills;

/// <summary>
/// The ensemble of a `skills predict` (Sloth or Sloth basic) kept with its <see cref="SkillModel"/>: every member's fitted link
/// and the calibration, so that a prediction from the saved model gives the same median and intervals (see <see cref="EnsembleIntervals"/>).
/// </summary>
public sealed record SkillEnsemble(LinkKind Link, IReadOnlyList<SkillEnsembleMember> Members, IntervalCalibration Calibration);

/// <summary>A member: its seed, the calibration families whose larger models it did not see, its fitted link.</summary>
public sealed record SkillEnsembleMember(int Seed, IReadOnlyList<string> HeldOutFamilies, SkillLinkFit Fit);
