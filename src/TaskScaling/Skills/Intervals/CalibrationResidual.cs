namespace TaskScaling.Skills;

/// <summary>One held-out cell of an interval calibration: a calibration family's model, a benchmark (index), and |y − ŷ| (fraction).</summary>
public sealed record CalibrationResidual(string Family, string Model, int Benchmark, double Error);
