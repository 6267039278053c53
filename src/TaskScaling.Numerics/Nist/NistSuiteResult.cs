namespace TaskScaling.Numerics.Nist;

/// <summary>All runs of the NIST suite and the counts the acceptance criteria speak of.</summary>
public sealed record NistSuiteResult(IReadOnlyList<NistRun> Runs)
{
    public int Count => Runs.Count;
    /// <summary>Runs whose worst parameter has at least this many correct digits.</summary>
    public int ParamLreAtLeast(double digits) => Runs.Count(r => r.ParamLre >= digits);
    /// <summary>Among runs with parameter LRE ≥ 6, those whose worst standard deviation has LRE ≥ 3.</summary>
    public int StdErrOkWhereParamsReachSix => Runs.Count(r => r.ParamLre >= 6 && r.StdErrLre >= 3);
    public int ParamsReachSix => ParamLreAtLeast(6);
    public double MinParamLre => Runs.Count == 0 ? double.NaN : Runs.Min(r => r.ParamLre);

    /// <summary>The issue's acceptance: LRE ≥ 6 on all but at most two runs, ≥ 4 on every run, and SD LRE ≥ 3
    /// wherever the parameters reach 6.</summary>
    public bool MeetsAcceptance =>
        ParamLreAtLeast(6) >= Count - 2 && ParamLreAtLeast(4) == Count && StdErrOkWhereParamsReachSix == ParamsReachSix;

    public string Summary =>
        $"{Count} runs: parameter LRE ≥ 6 on {ParamLreAtLeast(6)}, ≥ 4 on {ParamLreAtLeast(4)} (worst {MinParamLre:0.0}); " +
        $"standard-deviation LRE ≥ 3 on {StdErrOkWhereParamsReachSix} of the {ParamsReachSix} runs with parameter LRE ≥ 6; " +
        $"acceptance {(MeetsAcceptance ? "met" : "NOT met")}";
}
