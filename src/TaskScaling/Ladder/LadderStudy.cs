using TaskScaling.Numerics;

namespace TaskScaling.Ladder;

/// <summary>
/// What a ladder report shows, computed on one read of the run files: the prediction (with its fits and prepared
/// points, <see cref="LadderPrediction.Points"/>) and, when asked for and the first target is a run of the
/// description, the compute-vs-error and variance analyses for that target.
/// </summary>
public sealed record LadderStudy
{
    public required LadderPredictionRequest Request { get; init; }
    public required LadderPrediction Prediction { get; init; }
    /// <summary>True when the analyses were asked for.</summary>
    public required bool Analyses { get; init; }
    /// <summary>True when the first target is a run of the description (the analyses need its actual scores).</summary>
    public required bool FirstTargetIsRun { get; init; }
    public ComputeVsErrorReport? ComputeVsError { get; init; }
    /// <summary>Why the compute-vs-error analysis was refused (its <see cref="InvalidRequestException"/> message).</summary>
    public string? ComputeVsErrorProblem { get; init; }
    public VarianceReport? Variance { get; init; }
    /// <summary>Why the variance analysis was refused.</summary>
    public string? VarianceProblem { get; init; }

    /// <summary>Predicts, then (when <paramref name="analyses"/>) runs both analyses for the first target in parallel;
    /// an analysis the data cannot support is recorded as its problem instead of failing the study.</summary>
    public static LadderStudy Run(LadderDescription description, LadderPredictionRequest request, bool analyses = true)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(request);
        var data = new LadderData(description);
        // One count for the whole study: the prediction's fits, then the compute-vs-error analysis's.
        var progress = new ProgressCounter(request.Progress);
        var prediction = LadderPredictor.Predict(data, request, progress);
        var first = prediction.Targets[0].Target;
        bool isRun = description.Targets.Any(t => string.Equals(t.Name, first, StringComparison.OrdinalIgnoreCase));
        ComputeVsErrorReport? cve = null;
        VarianceReport? variance = null;
        var problems = new string?[2];
        if (analyses && isRun)
        {
            var work = new Action[]
            {
                () => cve = Ladder.ComputeVsError.Run(data, new ComputeVsErrorRequest { Target = first, Tasks = request.Tasks }, progress),
                () => variance = VarianceAnalysis.Run(data, new VarianceRequest { Target = first }),
            };
            Parallel.For(0, work.Length, Parallelism.PerCore, i =>
            {
                try { work[i](); }
                catch (InvalidRequestException e) { problems[i] = e.Message; }
            });
        }
        return new LadderStudy
        {
            Request = request, Prediction = prediction, Analyses = analyses, FirstTargetIsRun = isRun,
            ComputeVsError = cve, ComputeVsErrorProblem = problems[0], Variance = variance, VarianceProblem = problems[1],
        };
    }
}
