using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills.Downstream;
using TaskScaling.Skills.TestTime;

namespace TaskScaling.Skills;

/// <summary>What the skills report shows (see <see cref="SkillsReportData"/>).</summary>
public sealed record SkillsReportRequest
{
    /// <summary>Number of skills d of the interpretation and link-function fits (at least 2).</summary>
    public int Skills { get; init; } = 3;
    /// <summary>The family (Family2) of the link-function experiment; its largest model is held out.</summary>
    public string Family { get; init; } = "meta-llama-3";
    /// <summary>Benchmark set of the link-function experiment: v1, v2 or all.</summary>
    public string LinkSet { get; init; } = "v1";
    /// <summary>A saved evaluation (<see cref="SkillsEvaluationFile"/>); when null the methods of <see cref="EvaluateMethods"/> are evaluated now.</summary>
    public EvaluationSummary? Evaluation { get; init; }
    /// <summary>Where <see cref="Evaluation"/> came from (shown in the report).</summary>
    public string? EvaluationSource { get; init; }
    /// <summary>Methods evaluated when no evaluation is given (default: the four PCA + FLOPs baselines, which take seconds).</summary>
    public IReadOnlyList<string> EvaluateMethods { get; init; } = ["pca_d=1", "pca_d=2", "pca_d=3", "pca_d=4"];
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    /// <summary>A downstream task to predict and draw (spec §8.1), or none.</summary>
    public DownstreamRequest? Downstream { get; init; }
    /// <summary>Coverage curves to predict and draw (spec §8.2), or none.</summary>
    public TestTimeRequest? TestTime { get; init; }
    /// <summary>Called with (parts done, parts in all) as the report's computations (fit, link-function experiment,
    /// evaluation, downstream, test-time) finish, from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>
/// The numbers of the skills report (Sloth, Maia Polo et al. 2024): the interpretation fit (spec §4, sigmoid link),
/// the link-function experiment for one family (spec §7) and the method × setting errors (spec §6), computed in
/// parallel.
/// </summary>
/// <param name="Source">The leaderboard table the numbers come from.</param>
/// <param name="Request">What was asked (d, family, link-function set, fit options), shown beside the numbers.</param>
public sealed record SkillsReportData(SkillsFitReport Fit, LinkFunctionResult Link, EvaluationSummary Evaluation, string EvaluationSource,
    string Source, SkillsReportRequest Request)
{
    public DownstreamResult? Downstream { get; init; }
    public TestTimeResult? TestTime { get; init; }

    public static SkillsReportData Compute(LeaderboardTable table, SkillsReportRequest request)
    {
        if (request.Skills < 2) throw new InvalidRequestException($"--d must be at least 2 for the report (rotated loadings and skill correlations), got {request.Skills}");
        // Validate the cheap things before the fits.
        var link = LinkFunctionExperiment.Prepare(table, new LinkFunctionRequest
        {
            Family = request.Family, Set = request.LinkSet, Skills = request.Skills, FitOptions = request.FitOptions,
        });
        SkillsFitReport? fit = null;
        LinkFunctionResult? linkResult = null;
        EvaluationSummary? evaluation = request.Evaluation;
        string source = request.Evaluation is not null ? $"from {request.EvaluationSource}" :
            $"evaluated now for {string.Join(", ", request.EvaluateMethods)} (pass --evaluation FILE with a saved `skills evaluate --format json` for all 28 methods)";
        var progress = new ProgressCounter(request.Progress);
        progress.Expect(3 + (request.Downstream is null ? 0 : 1) + (request.TestTime is null ? 0 : 1));
        Parallel.Invoke(
            () => { fit = SkillsFit.Run(table, new SkillsFitRequest { Skills = request.Skills, Monotone = false, FitOptions = request.FitOptions }); progress.Done(); },
            () => { linkResult = LinkFunctionExperiment.Run(link); progress.Done(); },
            () => { evaluation ??= EvaluationSummary.From(SkillsEvaluation.Run(table, new EvaluationRequest { Methods = request.EvaluateMethods, FitOptions = request.FitOptions })); progress.Done(); });
        DownstreamResult? downstream = null;
        if (request.Downstream is { } d) { downstream = DownstreamPrediction.Predict(table, d); progress.Done(); }
        TestTimeResult? testTime = null;
        if (request.TestTime is { } t) { testTime = TestTimeScaling.Run(table, t); progress.Done(); }
        return new SkillsReportData(fit!, linkResult!, evaluation!, source, table.Source, request) { Downstream = downstream, TestTime = testTime };
    }
}
