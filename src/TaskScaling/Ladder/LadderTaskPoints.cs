namespace TaskScaling.Ladder;

/// <summary>
/// One task's prepared ladder data as a prediction's fit used it: each ladder run (aligned lists) with its step-1
/// point and its smoothed step-2 points after the skip (empty for variants without a ladder step 2), and the extra
/// step-2 point (0, 1) when the settings add it.
/// </summary>
/// <param name="Task">The task's name.</param>
/// <param name="Label">The task's display label.</param>
public sealed record LadderTaskPoints(
    string Task,
    string Label,
    IReadOnlyList<LadderRun> Runs,
    IReadOnlyList<Step1Point> Step1,
    IReadOnlyList<IReadOnlyList<Step2Point>> Step2,
    Step2Point? ExtraPoint);
