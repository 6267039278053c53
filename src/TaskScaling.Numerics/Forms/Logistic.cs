namespace TaskScaling.Numerics.Forms;

/// <summary>Numerically stable logistic helpers shared by the sigmoid-type forms.</summary>
internal static class Logistic
{
    /// <summary>σ(z) = 1 / (1 + e^−z), evaluated without overflow for large |z|.</summary>
    public static double Sigma(double z)
    {
        if (z >= 0) return 1.0 / (1.0 + Math.Exp(-z));
        var e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>softplus(z) = ln(1 + e^z) = −ln(1 − σ(z)), without overflow or cancellation.</summary>
    public static double Softplus(double z) => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
}
