namespace TaskScaling.Ladder;

/// <summary>
/// One ladder run's step-1 observation: its N, the tokens D of its last row, FLOPs per token F, the mean
/// feature X over its last rows (the moving-average window) and the mean accuracy Y over the same rows.
/// </summary>
public sealed record Step1Point(string Run, double N, double D, double F, double X, double Y)
{
    /// <summary>Training compute C = D × F.</summary>
    public double C => D * F;
}
