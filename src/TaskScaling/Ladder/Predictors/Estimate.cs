namespace TaskScaling.Ladder;

/// <summary>A predicted accuracy and its parameter (delta-method) standard error; Se is NaN when unknown, 0 for a constant.</summary>
internal readonly record struct Estimate(double Value, double Se);
