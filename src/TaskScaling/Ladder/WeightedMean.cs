using System.Globalization;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>A task's feature or accuracy from a run's columns: per row Σ wᵢ f(xᵢ) / Σ wᵢ (f the transform).</summary>
internal static class WeightedMean
{
    /// <summary>Per row, the weighted mean of the transformed columns; NaN where any of them is empty.</summary>
    /// <param name="purpose">What the columns are for, named in the error when one is missing (e.g. "loss of task mmlu").</param>
    /// <param name="kind">The range each column's values must be in (an accuracy in [0, 1], a loss ≥ 0).</param>
    public static double[] Of(RunHistory h, IReadOnlyList<WeightedColumn> columns, string purpose, ColumnKind kind, FeatureTransform transform = FeatureTransform.Identity)
    {
        if (columns.Count == 0)
            throw new DataFormatException(h.Source, null, null, $"no columns given for the {purpose}");
        var values = new double[columns.Count][];
        for (int c = 0; c < columns.Count; c++) values[c] = h.Column(columns[c].Column, purpose, kind);
        double wsum = columns.Sum(c => c.Weight);
        var y = new double[h.RowCount];
        for (int r = 0; r < h.RowCount; r++)
        {
            double s = 0;
            for (int c = 0; c < values.Length; c++)
            {
                double x = values[c][r];
                double fx = transform.Apply(x);
                if (transform == FeatureTransform.Log && !double.IsNaN(x) && !(x > 0))
                    throw new DataFormatException(h.RowSource(r), h.HasLines ? h.Line(r) : null, columns[c].Column,
                        $"the log transform needs a positive value, found {x.ToString(CultureInfo.InvariantCulture)} ({purpose})");
                s += columns[c].Weight * fx;
            }
            y[r] = s / wsum;
        }
        return y;
    }
}
