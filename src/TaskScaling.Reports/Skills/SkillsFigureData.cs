namespace TaskScaling.Reports.Skills;

/// <summary>A matrix to draw as an annotated heat map: Values[row, column]; NaN cells are drawn blank.</summary>
public sealed record HeatmapData(string Title, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double[,] Values,
    string ValueLabel, string Format, bool Diverging, string XLabel, string YLabel);

/// <summary>One method's predicted score (0–1) over model sizes (billions) at the family's token count.</summary>
public sealed record LinkCurve(string Method, double[] SizeBillions, double[] Score);

/// <summary>An observed model of the family: its size, its score, and whether it was held out of the fit.</summary>
public sealed record ObservedModel(string Model, double SizeBillions, double Score, bool HeldOut);

/// <summary>The link-function figure of one benchmark (Sloth, Sloth basic, FLOPs, PCA + FLOPs side by side).</summary>
public sealed record LinkFigureData(string Family, string Benchmark, double TokensTrillions, double LowerBound,
    IReadOnlyList<LinkCurve> Curves, IReadOnlyList<ObservedModel> Observed);
