namespace TaskScaling.Numerics.Decomposition;

/// <summary>A least-squares solution with the effective rank of the design and its singular values.</summary>
public sealed record LeastSquaresSolution(double[,] Coefficients, int Rank, double[] SingularValues);
