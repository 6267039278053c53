namespace TaskScaling.Skills;

/// <summary>The covariates x of the skill model (spec §2.1).</summary>
public enum Covariates
{
    /// <summary>(ln T, ln S, ln S·ln T): the prediction experiments.</summary>
    LogTokensLogSize,
    /// <summary>(log10 S, log10 T, log10 S·log10 T): the interpretation notebooks.</summary>
    Log10SizeLog10Tokens,
    /// <summary>ln F alone (one shared slope).</summary>
    LogFlops,
    /// <summary>ln F·D_i: one FLOPs slope per family (the FLOPs methods with two training models per family).</summary>
    LogFlopsByFamily,
    /// <summary>
    /// Given columns, e.g. the latent skills of another fit or principal-component scores (the downstream fits of spec §8.1):
    /// their number is the design's own (<see cref="SkillDesign.FromColumns"/>); never a saved model's covariates.
    /// </summary>
    GivenColumns,
}

/// <summary>Family intercepts (one-hot over families) or one shared intercept.</summary>
public enum InterceptKind { Family, Shared }

/// <summary>
/// The design of a skill fit: each row is [x_i, D_i] (slope covariates, then intercept columns), stored
/// sparsely (compressed rows), since D_i is one-hot. θ_i = [x_i, D_i]·W with W = [Aᵀ; a] (q×d).
/// </summary>
public sealed class SkillDesign
{
    public Covariates Covariates { get; }
    public InterceptKind Intercept { get; }
    public IReadOnlyList<string> FamilyNames { get; }
    public int SlopeColumns { get; }
    public int InterceptColumns { get; }
    public int Columns => SlopeColumns + InterceptColumns;
    public int Rows { get; }
    internal int[] RowStart { get; }
    internal int[] Column { get; }
    internal double[] Value { get; }

    private SkillDesign(Covariates cov, InterceptKind ic, IReadOnlyList<string> families, int rows, int[] start, int[] col, double[] val,
        int? slopes = null)
    {
        Covariates = cov; Intercept = ic; FamilyNames = families; Rows = rows; RowStart = start; Column = col; Value = val;
        SlopeColumns = slopes ?? SlopeCount(cov, families.Count);
        InterceptColumns = ic == InterceptKind.Family ? families.Count : 1;
    }

    public static int SlopeCount(Covariates cov, int families) => cov switch
    {
        Covariates.LogFlops => 1,
        Covariates.LogFlopsByFamily => families,
        Covariates.GivenColumns => throw new InvalidRequestException("a design of given columns has no fixed number of slopes"),
        _ => 3,
    };

    /// <summary>Names of the design columns (slopes, then intercepts).</summary>
    public IReadOnlyList<string> ColumnNames
    {
        get
        {
            var names = new List<string>();
            switch (Covariates)
            {
                case Covariates.LogTokensLogSize: names.AddRange(["ln T", "ln S", "ln S·ln T"]); break;
                case Covariates.Log10SizeLog10Tokens: names.AddRange(["log10 S", "log10 T", "log10 S·log10 T"]); break;
                case Covariates.LogFlops: names.Add("ln F"); break;
                case Covariates.LogFlopsByFamily: names.AddRange(FamilyNames.Select(f => $"ln F·[{f}]")); break;
                case Covariates.GivenColumns: names.AddRange(Enumerable.Range(1, SlopeColumns).Select(k => $"x{k}")); break;
            }
            if (Intercept == InterceptKind.Family) names.AddRange(FamilyNames.Select(f => $"intercept[{f}]"));
            else names.Add("intercept");
            return names;
        }
    }

    /// <summary>Builds the design for rows (S in billions, T in trillions, F in 1e21, family index into <paramref name="families"/>).</summary>
    public static SkillDesign Build(Covariates cov, InterceptKind ic, IReadOnlyList<string> families,
        ReadOnlySpan<double> s, ReadOnlySpan<double> t, ReadOnlySpan<double> f, ReadOnlySpan<int> family)
    {
        int n = s.Length;
        int slopes = SlopeCount(cov, families.Count);
        var start = new int[n + 1];
        var col = new List<int>(n * 4); var val = new List<double>(n * 4);
        for (int i = 0; i < n; i++)
        {
            start[i] = col.Count;
            if ((uint)family[i] >= (uint)families.Count) throw new InvalidRequestException("family index out of range");
            switch (cov)
            {
                case Covariates.LogTokensLogSize:
                {
                    double ls = Math.Log(s[i]), lt = Math.Log(t[i]);
                    col.Add(0); val.Add(lt); col.Add(1); val.Add(ls); col.Add(2); val.Add(ls * lt);
                    break;
                }
                case Covariates.Log10SizeLog10Tokens:
                {
                    double ls = Math.Log10(s[i]), lt = Math.Log10(t[i]);
                    col.Add(0); val.Add(ls); col.Add(1); val.Add(lt); col.Add(2); val.Add(ls * lt);
                    break;
                }
                case Covariates.LogFlops: col.Add(0); val.Add(Math.Log(f[i])); break;
                case Covariates.LogFlopsByFamily: col.Add(family[i]); val.Add(Math.Log(f[i])); break;
            }
            col.Add(slopes + (ic == InterceptKind.Family ? family[i] : 0)); val.Add(1.0);
        }
        start[n] = col.Count;
        foreach (var v in val) if (!double.IsFinite(v)) throw new InvalidRequestException("sizes, tokens and FLOPs must be positive and finite");
        return new SkillDesign(cov, ic, families, n, start, col.ToArray(), val.ToArray());
    }

    /// <summary>The design of some rows of a dataset (family one-hot over all the dataset's families).</summary>
    internal static SkillDesign Build(Covariates cov, InterceptKind ic, SkillDataset data, IReadOnlyList<int> rows)
    {
        var r = rows.ToArray();
        return Build(cov, ic, data.FamilyNames,
            r.Select(i => data.Parameters[i]).ToArray(), r.Select(i => data.Tokens[i]).ToArray(),
            r.Select(i => data.Flops[i]).ToArray(), r.Select(i => data.FamilyIndex[i]).ToArray());
    }

    /// <summary>A design of given columns (n×p, finite) and one shared intercept: row i is [x_i, 1].</summary>
    internal static SkillDesign FromColumns(double[,] x)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var start = new int[n + 1];
        var col = new int[n * (p + 1)]; var val = new double[n * (p + 1)];
        for (int i = 0, k = 0; i < n; i++)
        {
            start[i] = k;
            for (int a = 0; a <= p; a++, k++)
            {
                col[k] = a; val[k] = a < p ? x[i, a] : 1.0;
                if (!double.IsFinite(val[k])) throw new InvalidRequestException("design columns must be finite");
            }
        }
        start[n] = n * (p + 1);
        return new SkillDesign(Covariates.GivenColumns, InterceptKind.Shared, [], n, start, col, val, p);
    }

    /// <summary>Dense copy of the design (rows × columns).</summary>
    public double[,] ToDense()
    {
        var x = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int k = RowStart[i]; k < RowStart[i + 1]; k++) x[i, Column[k]] += Value[k];
        return x;
    }
}
