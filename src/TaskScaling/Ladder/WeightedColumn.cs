namespace TaskScaling.Ladder;

/// <summary>A CSV column and its weight in a task's weighted mean Σ wᵢxᵢ / Σ wᵢ (weight 1 = plain mean).</summary>
public sealed record WeightedColumn(string Column, double Weight = 1.0);
