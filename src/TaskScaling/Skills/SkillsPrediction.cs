using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

public sealed record BenchmarkPrediction(string Benchmark, double Score);

public sealed record PredictionReport
{
    public required string Family { get; init; }
    public required double Parameters { get; init; }
    public required double Tokens { get; init; }
    /// <summary>The family's models the fit learned its intercept from.</summary>
    public required IReadOnlyList<string> FamilyModels { get; init; }
    public required int TrainingModels { get; init; }
    public required double TrainingMae { get; init; }
    public required IReadOnlyList<BenchmarkPrediction> Predictions { get; init; }
    /// <summary>The link that made the predictions.</summary>
    public LinkKind? Link { get; init; }
}

/// <summary>
/// Fits Sloth (ln T, ln S, ln S·ln T inputs, family intercepts) on every complete-case model of the set,
/// the new model's family included, and predicts the new model from its family's intercept and its size/tokens.
/// </summary>
public static class SkillsPrediction
{
    public static PredictionReport Predict(LeaderboardTable table, SkillsPredictionRequest request)
    {
        if (!(request.Parameters > 0 && double.IsFinite(request.Parameters))) throw new InvalidRequestException("--params must be a positive number of billions");
        if (!(request.Tokens > 0 && double.IsFinite(request.Tokens))) throw new InvalidRequestException("--tokens must be a positive number of trillions");
        var benchmarks = BenchmarkSets.ByName(request.Set);
        var data = SkillDataset.Prepare(table, benchmarks, 1, request.LowerBounds);
        int fam = data.FamilyNames.ToList().IndexOf(request.Family);
        if (fam < 0)
        {
            bool anywhere = table.Families.Contains(request.Family);
            throw new InvalidRequestException(anywhere
                ? $"family '{request.Family}' has no model with tokens and all {benchmarks.Count} scores of set '{request.Set}'; try another --set"
                : $"unknown family '{request.Family}' (not in {table.Source})");
        }
        if (data.Count < request.Skills + 2) throw new InvalidRequestException($"only {data.Count} complete-case models; too few for d = {request.Skills}");
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var design = SkillDesign.Build(Covariates.LogTokensLogSize, InterceptKind.Family, data, rows);
        var fit = SkillFitter.FitSigmoid(design, data.Scores, data.LowerBounds, request.Skills, false, request.FitOptions);
        if (request.Link == LinkKind.Monotone) fit = SkillFitter.FitMonotone(fit, data.Scores, request.FitOptions);
        var newRow = SkillDesign.Build(Covariates.LogTokensLogSize, InterceptKind.Family, data.FamilyNames,
            [request.Parameters], [request.Tokens], [6 * request.Parameters * request.Tokens], [fam]);
        var y = fit.Predict(newRow);
        return new PredictionReport
        {
            Family = request.Family, Parameters = request.Parameters, Tokens = request.Tokens,
            FamilyModels = data.RowsOf(request.Family).Select(i => data.Models[i]).ToArray(),
            TrainingModels = data.Count, TrainingMae = fit.TrainingMae, Link = fit.Link,
            Predictions = benchmarks.Select((b, j) => new BenchmarkPrediction(b, y[0, j])).ToArray(),
        };
    }

    /// <summary>
    /// Predicts a new model of a family from a saved or in-memory <see cref="SkillModel"/> alone (no table, no fit):
    /// the model's own design (covariates, intercepts) and link (monotone when fitted, unless <paramref name="link"/>).
    /// </summary>
    public static PredictionReport Predict(SkillModel model, string family, double parameters, double tokens, LinkKind? link = null)
    {
        var fit = model.LinkFit(link);
        var predictions = model.Predict(family, parameters, tokens, fit.Link);
        return new PredictionReport
        {
            Family = family, Parameters = parameters, Tokens = tokens,
            FamilyModels = model.TrainingModels.Where(m => m.Family == family).Select(m => m.Model).ToArray(),
            TrainingModels = model.TrainingModels.Count, TrainingMae = fit.TrainingMae, Link = fit.Link,
            Predictions = predictions,
        };
    }
}
