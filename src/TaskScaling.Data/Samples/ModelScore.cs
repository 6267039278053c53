namespace TaskScaling.Data.Samples;

/// <summary>One model's score on a task (a fraction in [0, 1]), read from <see cref="ModelScoresReader"/>; <see cref="Line"/> is its 1-based file line.</summary>
public sealed record ModelScore(string Model, double Score, int Line);
