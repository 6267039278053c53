namespace TaskScaling.Numerics.Rotation;

/// <summary>
/// The outcome of an oblique rotation A → Λr = A·(T⁻¹)ᵀ. Non-convergence is reported, never thrown:
/// the rotation reached when the iteration cap binds is still returned.
/// </summary>
public sealed record RotationResult
{
    /// <summary>Rotated loadings Λr = A·(T⁻¹)ᵀ (J×d); A = Λr·Tᵀ recovers the input.</summary>
    public required double[,] Loadings { get; init; }
    /// <summary>The rotation T (d×d), columns of unit length.</summary>
    public required double[,] Rotation { get; init; }
    /// <summary>Factor (skill) correlation Φ = TᵀT (d×d, unit diagonal).</summary>
    public required double[,] Phi { get; init; }
    /// <summary>The rotation criterion at <see cref="Loadings"/> (geomin: Σ_i p_i).</summary>
    public double Criterion { get; init; }
    /// <summary>Number of accepted updates of T.</summary>
    public int Iterations { get; init; }
    /// <summary>‖Gp‖_F, the projected gradient's Frobenius norm at the returned T.</summary>
    public double GradientNorm { get; init; }
    /// <summary>True when the stopping rule ‖Gp‖_F &lt; tolerance fired.</summary>
    public bool Converged { get; init; }
    public required string Message { get; init; }
}
