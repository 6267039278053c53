namespace TaskScaling.Ladder;

/// <summary>One smoothed step-2 observation: feature X (a loss) and accuracy Y at tokens D of a run.</summary>
public sealed record Step2Point(string Run, double D, double X, double Y);
