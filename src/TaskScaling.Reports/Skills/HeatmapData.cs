namespace TaskScaling.Reports.Skills;

/// <summary>A matrix to draw as an annotated heat map: Values[row, column]; NaN cells are drawn blank.</summary>
public sealed record HeatmapData(string Title, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double[,] Values,
    string ValueLabel, string Format, bool Diverging, string XLabel, string YLabel);

