using TaskScaling.Numerics.LeastSquares;

namespace TaskScaling.Numerics.Nist;

/// <summary>
/// The NIST StRD nonlinear-regression suite: every problem fitted from both certified starts with the
/// default <see cref="FitOptions"/> (analytic Jacobians, no bounds), and scored against the certified
/// values by <see cref="LogRelativeError"/>.
/// </summary>
public static class NistSuite
{
    /// <summary>Fits each problem from start 1 and start 2, in parallel; runs come back in problem order.</summary>
    public static NistSuiteResult Run(IReadOnlyList<NistDataset> problems, FitOptions? options = null)
    {
        foreach (var p in problems)
            if (NistModels.For(p.Name) is null)
                throw new InvalidRequestException($"{p.Source}: no NIST model named '{p.Name}' (known: {string.Join(", ", NistModels.Problems)})");
        var runs = new NistRun[problems.Count * 2];
        Parallel.For(0, runs.Length, k => runs[k] = RunOne(problems[k / 2], k % 2 + 1, options));
        return new NistSuiteResult(runs);
    }

    /// <summary>One problem from one start (1 or 2).</summary>
    public static NistRun RunOne(NistDataset problem, int start, FitOptions? options = null)
    {
        var model = NistModels.For(problem.Name)
            ?? throw new InvalidRequestException($"{problem.Source}: no NIST model named '{problem.Name}'");
        var fit = CurveFit.Fit(model, ObservationsOf(problem), problem.Start(start), options);
        return new NistRun
        {
            Problem = problem.Name,
            Start = start,
            Difficulty = problem.Difficulty,
            ParamLre = LogRelativeError.Worst(fit.Parameters, problem.CertifiedValues),
            ResidualSdLre = LogRelativeError.Of(fit.ResidualStandardDeviation, problem.ResidualStandardDeviation),
            StdErrLre = LogRelativeError.Worst(fit.StandardErrors, problem.CertifiedStandardDeviations),
            Status = fit.Status,
            Message = fit.Message,
            Iterations = fit.Iterations,
            Parameters = fit.Parameters,
        };
    }

    /// <summary>The observations as the certified fit sees them (Nelson's response is ln y).</summary>
    public static Observations ObservationsOf(NistDataset problem)
    {
        var y = NistModels.LogResponse(problem.Name) ? problem.Y.Select(v => Math.Log(v)).ToArray() : problem.Y;
        return new Observations(problem.X, y);
    }
}
