using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>
/// One benchmark of a prediction (fractions): the point <see cref="Score"/>, the interval [<see cref="Lower"/>, <see cref="Upper"/>]
/// when calibrated, and the <see cref="Actual"/> score when the predicted model is in the table.
/// </summary>
public sealed record BenchmarkPrediction(string Benchmark, double Score)
{
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public double? Actual { get; init; }
}

public sealed record PredictionReport
{
    public required string Family { get; init; }
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    /// <summary>The family's models the fit learned its intercept from.</summary>
    public required IReadOnlyList<string> FamilyModels { get; init; }
    public required int TrainingModels { get; init; }
    /// <summary>Median of the members' training MAEs (fraction).</summary>
    public required double TrainingMae { get; init; }
    public required IReadOnlyList<BenchmarkPrediction> Predictions { get; init; }
    /// <summary>The link that made the predictions (Sloth methods).</summary>
    public LinkKind? Link { get; init; }
    /// <summary>"sloth", "sloth-basic", "flops", "pca-flops" or "ensemble".</summary>
    public string Method { get; init; } = "sloth";
    /// <summary>The design's columns, e.g. "log10 S, log10 T, log10 S·log10 T, family intercepts".</summary>
    public string Design { get; init; } = "";
    /// <summary>Coverage level of the intervals (NaN when there are none).</summary>
    public double Level { get; init; } = double.NaN;
    /// <summary>The table's model with this family, size and tokens, when there is one: the prediction is then in-sample.</summary>
    public string? InTable { get; init; }
    public IReadOnlyList<EnsembleMember> Members { get; init; } = [];
    public IntervalCalibration? Calibration { get; init; }
    /// <summary>Sloth and Sloth basic: the ensemble as a model (member 0's fit, every member, the calibration), to save.</summary>
    public SkillModel? Model { get; init; }
    /// <summary>Ensemble method: weight of each single method.</summary>
    public IReadOnlyDictionary<SkillsMethod, double>? Weights { get; init; }
}

/// <summary>
/// Predicts a model of a family in the table: an ensemble of <see cref="SkillsPredictionRequest.Members"/> fits of the chosen method
/// on every complete-case model of the set, with intervals calibrated by leave-family-out on the training families with the family's
/// number of given models (at most 2) — see <see cref="EnsembleIntervals"/> and <see cref="IntervalCalibration"/>.
/// </summary>
public static partial class SkillsPrediction
{
    /// <summary>The default method of `skills predict` (chosen on the paper's protocol, docs/skills.md).</summary>
    public const SkillsMethod DefaultMethod = SkillsMethod.Sloth;

    /// <summary>
    /// Fit options of predictions, backtests and `evaluate --intervals`: the paper's Adam procedure for stage 1, and for stage 2
    /// <see cref="SkillOptimizer.AdamThenProjectedLbfgs"/> (2,000 Adam epochs, then projected L-BFGS), about four times cheaper than
    /// the Adam sweep — what makes an ensemble and its calibration fit the time budget (docs/skills.md).
    /// </summary>
    public static SkillFitOptions DefaultFitOptions { get; } = SkillFitOptions.Default with { MonotoneOptimizer = SkillOptimizer.AdamThenProjectedLbfgs };

    public static PredictionReport Predict(LeaderboardTable table, SkillsPredictionRequest request)
    {
        var job = Prepare(table, request);
        var fits = MethodCombination.RunAll([job.Plans], request.FitOptions, request.Parallelism, new ProgressCounter(request.Progress))[0];
        return Finish(table, job, fits);
    }

    /// <summary>A validated prediction before its fits: the data, the family's rows and the plans of the ensemble.</summary>
    private sealed record Job(SkillsPredictionRequest Request, IReadOnlyList<string> Benchmarks, SkillDataset Data, int[] FamilyRows, int Given,
        EnsembleIntervals.Plan[] Plans);

    private static Job Prepare(LeaderboardTable table, SkillsPredictionRequest request)
    {
        ValidateTarget(request.Parameters, request.Tokens);
        if (!(request.Level > 0 && request.Level < 1)) throw new InvalidRequestException("--level must lie strictly between 0 and 1");
        if (request.Members < 1) throw new InvalidRequestException("--seeds must be at least 1");
        var benchmarks = request.Benchmarks ?? BenchmarkSets.ByName(request.Set);
        MethodFit.Validate(request.Method, request.Skills, benchmarks.Count);
        var data = SkillDataset.Prepare(table, benchmarks, 1, request.LowerBounds);
        int fam = data.FamilyNames.ToList().IndexOf(request.Family);
        if (fam < 0)
        {
            bool anywhere = table.Families.Contains(request.Family);
            throw new InvalidRequestException(anywhere
                ? $"family '{request.Family}' has no model with tokens and all {benchmarks.Count} scores of " +
                  (request.Benchmarks is null ? $"set '{request.Set}'; try another --set" : "the chosen benchmarks; choose fewer")
                : $"unknown family '{request.Family}' (not in {table.Source})");
        }
        if (data.Count < request.Skills + 2) throw new InvalidRequestException($"only {data.Count} complete-case models; too few for d = {request.Skills}");
        var familyRows = data.RowsOf(request.Family);
        int given = Math.Min(familyRows.Length, 2);
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var target = DesignRows.New(request.Parameters, request.Tokens, fam);
        var seeds = Enumerable.Range(0, request.Members).Select(k => request.Seed + k).ToArray();
        var predicted = new HashSet<string>([request.Family], StringComparer.Ordinal);
        var plans = MethodCombination.Plans(request.Method, m => EnsembleIntervals.Create(m, request.Skills, data, rows, predicted, given, target, seeds));
        return new Job(request, benchmarks, data, familyRows, given, plans);
    }

    private static void ValidateTarget(double parameters, double tokens)
    {
        if (!(parameters > 0 && double.IsFinite(parameters))) throw new InvalidRequestException("--params must be a positive number of billions");
        if (!(tokens > 0 && double.IsFinite(tokens))) throw new InvalidRequestException("--tokens must be a positive number of trillions");
    }

    /// <summary>The report of a <see cref="Job"/> from its plans' fits.</summary>
    private static PredictionReport Finish(LeaderboardTable table, Job job, MethodFitResult[][] fits)
    {
        var (request, benchmarks, data, familyRows, given, plans) = job;
        var result = MethodCombination.Combine(request.Method, plans, fits, request.Level);
        var o = result.Outcome;
        int inTable = InTable(table, request.Family, request.Parameters, request.Tokens);
        return new PredictionReport
        {
            Family = request.Family, Parameters = request.Parameters, Tokens = request.Tokens,
            FamilyModels = familyRows.Select(i => data.Models[i]).ToArray(),
            TrainingModels = data.Count, TrainingMae = Median(o.Members.Select(x => x.TrainingMae)),
            Link = request.Method switch { SkillsMethod.Sloth => LinkKind.Monotone, SkillsMethod.SlothBasic => LinkKind.Sigmoid, _ => null },
            Method = SkillsMethods.Name(request.Method), Design = DesignName(request.Method, given), Level = request.Level,
            InTable = inTable >= 0 ? table.Models[inTable] : null, Members = o.Members, Calibration = o.Calibration,
            Weights = request.Method == SkillsMethod.Ensemble ? result.Weights : null,
            Model = request.Method is SkillsMethod.Sloth or SkillsMethod.SlothBasic ? ModelOf(data, request, o) : null,
            Predictions = benchmarks.Select((b, j) => new BenchmarkPrediction(b, o.Point[0, j])
            {
                Lower = o.Lower[0, j], Upper = o.Upper[0, j],
                Actual = inTable >= 0 && table.Score(inTable, table.BenchmarkIndex(b)) is var a && double.IsFinite(a) ? a : null,
            }).ToArray(),
        };
    }

    /// <summary>The ensemble as a <see cref="SkillModel"/>: member 0 is the model's fit, the interpretation is its stage 1's.</summary>
    private static SkillModel ModelOf(SkillDataset data, SkillsPredictionRequest request, EnsembleIntervals.Outcome o)
    {
        var first = o.Fits[0];
        var link = first.Monotone is null ? LinkKind.Sigmoid : LinkKind.Monotone;
        return new SkillModel
        {
            Benchmarks = data.Benchmarks.ToArray(), LowerBounds = (double[])data.LowerBounds.Clone(), Covariates = MethodFit.SlothCovariates,
            Intercept = InterceptKind.Family, Families = data.FamilyNames.ToArray(), Skills = first.Sigmoid!.Skills, Seed = request.Seed,
            FitOptions = request.FitOptions with { Seed = request.Seed },
            TrainingModels = data.Models.Select((m, i) => new SkillModelTrainingRow(m, data.Families[i])).ToArray(),
            Sigmoid = SkillLinkFit.From(first.Sigmoid), Monotone = first.Monotone is { } mono ? SkillLinkFit.From(mono) : null,
            Interpretation = SkillInterpretation.Create(first.Sigmoid, data.Benchmarks),
            Ensemble = new SkillEnsemble(link, o.Members.Select((m, k) => new SkillEnsembleMember(m.Seed, m.HeldOutFamilies,
                SkillLinkFit.From((SkillLinkFit?)o.Fits[k].Monotone ?? o.Fits[k].Sigmoid!))).ToArray(), o.Calibration),
        };
    }

    /// <summary>The design a method's fits use (named in the output).</summary>
    public static string DesignName(SkillsMethod method, int givenModels) => method switch
    {
        SkillsMethod.Sloth or SkillsMethod.SlothBasic => "log10 S, log10 T, log10 S·log10 T; family intercepts",
        SkillsMethod.Flops or SkillsMethod.PcaFlops => givenModels >= 2 ? "ln F with one slope per family; family intercepts" : "ln F; family intercepts",
        _ => "weighted mean of sloth, sloth-basic, flops and pca-flops",
    };

    /// <summary>Row of the table with this family, size and tokens (relative tolerance 1e-6), or −1.</summary>
    private static int InTable(LeaderboardTable table, string family, double parameters, double tokens)
    {
        static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Abs(b);
        for (int i = 0; i < table.RowCount; i++)
            if (table.Families[i] == family && Near(table.Parameters[i], parameters) && Near(table.Tokens[i], tokens)) return i;
        return -1;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>
    /// Predicts a new model of a family from a saved or in-memory <see cref="SkillModel"/> alone (no table, no fit):
    /// the model's own design (covariates, intercepts) and link (monotone when fitted, unless <paramref name="link"/>).
    /// </summary>
    public static PredictionReport Predict(SkillModel model, string family, double parameters, double tokens, LinkKind? link = null, double level = 0.9)
    {
        var fit = model.LinkFit(link);
        if (model.Ensemble is { } e && e.Link == fit.Link) return PredictEnsemble(model, e, family, parameters, tokens, level);
        var predictions = model.Predict(family, parameters, tokens, fit.Link);
        return new PredictionReport
        {
            Family = family, Parameters = parameters, Tokens = tokens,
            FamilyModels = model.TrainingModels.Where(m => m.Family == family).Select(m => m.Model).ToArray(),
            TrainingModels = model.TrainingModels.Count, TrainingMae = fit.TrainingMae, Link = fit.Link,
            Method = fit.Link == LinkKind.Monotone ? "sloth" : "sloth-basic",
            Design = model.Covariates == Covariates.Log10SizeLog10Tokens ? DesignName(SkillsMethod.Sloth, 1) : $"{model.Covariates}; {model.Intercept} intercepts",
            Predictions = predictions,
        };
    }

    /// <summary>A saved ensemble: every member's prediction, their median and the calibrated interval (as when it was fitted).</summary>
    private static PredictionReport PredictEnsemble(SkillModel model, SkillEnsemble e, string family, double parameters, double tokens, double level)
    {
        if (!(level > 0 && level < 1)) throw new InvalidRequestException("--level must lie strictly between 0 and 1");
        var design = model.DesignOf(family, parameters, tokens);
        var layout = model.Layout(e.Link);
        var members = e.Members.Select(m =>
        {
            var y = SkillObjective.Predict(m.Fit.Parameters, layout, design);
            return new EnsembleMember(m.Seed, m.HeldOutFamilies, m.Fit.TrainingMae, [Enumerable.Range(0, model.Benchmarks.Count).Select(j => y[0, j]).ToArray()]);
        }).ToArray();
        var (point, lower, upper) = EnsembleIntervals.Intervals(members, e.Calibration, level);
        return new PredictionReport
        {
            Family = family, Parameters = parameters, Tokens = tokens,
            FamilyModels = model.TrainingModels.Where(m => m.Family == family).Select(m => m.Model).ToArray(),
            TrainingModels = model.TrainingModels.Count, TrainingMae = Median(members.Select(m => m.TrainingMae)), Link = e.Link,
            Method = e.Link == LinkKind.Monotone ? "sloth" : "sloth-basic", Design = DesignName(SkillsMethod.Sloth, 1), Level = level,
            Members = members, Calibration = e.Calibration, Model = model,
            Predictions = model.Benchmarks.Select((b, j) => new BenchmarkPrediction(b, point[0, j]) { Lower = lower[0, j], Upper = upper[0, j] }).ToArray(),
        };
    }
}
