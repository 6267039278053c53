using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>
/// Spec §7: hold out the family's largest model(s); fit on every other complete-case model Sloth basic (sigmoid,
/// log10 S, T, S·T, family intercepts), Sloth (monotone link, warm started from Sloth basic), FLOPs (ln F, shared
/// intercept, c trained) and PCA + FLOPs (ln F, family intercepts), all with d skills; predict 100 sizes from 1B
/// to 100B (wider when the family's models are) at the tokens of the family's first (smallest) model.
/// </summary>
public static class LinkFunctionExperiment
{
    /// <summary>The checked data of an experiment, before any fit.</summary>
    internal sealed record Prepared(LinkFunctionRequest Request, SkillDataset Data, int[] FamilyRows);

    public static LinkFunctionResult Run(LeaderboardTable table, LinkFunctionRequest request) => Run(Prepare(table, request));

    /// <summary>Checks the set and the family (cheap; before the fits).</summary>
    internal static Prepared Prepare(LeaderboardTable table, LinkFunctionRequest request)
    {
        var benchmarks = BenchmarkSets.ByName(request.Set);
        var data = SkillDataset.Prepare(table, benchmarks, 1);
        if (!table.Families.Contains(request.Family))
            throw new InvalidRequestException($"unknown family '{request.Family}' (not in {table.Source})");
        var familyRows = data.RowsOf(request.Family);
        if (familyRows.Length < 2)
            throw new InvalidRequestException($"family '{request.Family}' has {familyRows.Length} model(s) with tokens and all {benchmarks.Count} scores of set '{request.Set}'; the link-function figure needs at least 2 (one to fit, one held out)");
        return new Prepared(request, data, familyRows);
    }

    internal static LinkFunctionResult Run(Prepared prepared)
    {
        var (request, data, familyRows) = prepared;
        double maxS = familyRows.Max(i => data.Parameters[i]);
        var held = familyRows.Where(i => data.Parameters[i] == maxS).ToArray();
        var train = Enumerable.Range(0, data.Count).Where(i => !held.Contains(i)).ToArray();
        var y = data.ScoresOf(train);
        int d = Math.Min(request.Skills, data.BenchmarkCount);
        double tokens = data.Tokens[familyRows.First(i => !held.Contains(i))];
        // The paper's grid is 1B–100B; widened when the family has models outside it, so every model sits on the axis.
        var sizes = LogSpace(Math.Min(1, familyRows.Min(i => data.Parameters[i])), Math.Max(100, maxS), 100);
        int fam = data.FamilyNames.ToList().IndexOf(request.Family);
        SkillDesign Grid(Covariates cov, InterceptKind ic) => SkillDesign.Build(cov, ic, data.FamilyNames, sizes,
            sizes.Select(_ => tokens).ToArray(), sizes.Select(s => 6 * s * tokens).ToArray(), sizes.Select(_ => fam).ToArray());

        var opt = request.FitOptions;
        var slothDesign = SkillDesign.Build(Covariates.Log10SizeLog10Tokens, InterceptKind.Family, data, train);
        var flopsDesign = SkillDesign.Build(Covariates.LogFlops, InterceptKind.Shared, data, train);
        var pcaDesign = SkillDesign.Build(Covariates.LogFlops, InterceptKind.Family, data, train);
        SkillFitResult? basic = null, flops = null;
        Parallel.Invoke(
            () => basic = SkillFitter.FitSigmoid(slothDesign, y, data.LowerBounds, d, false, opt),
            () => flops = SkillFitter.FitSigmoid(flopsDesign, y, data.LowerBounds, d, true, opt));
        var sloth = SkillFitter.FitMonotone(basic!, y, opt);
        // The band: the same Sloth fit from other seeds (members 1…K−1), the lowest and highest prediction at each size.
        var slothGrid = Grid(Covariates.Log10SizeLog10Tokens, InterceptKind.Family);
        var members = new double[Math.Max(request.Members, 1)][,];
        members[0] = sloth.Predict(slothGrid);
        Parallel.For(1, members.Length, k =>
        {
            var o = opt with { Seed = opt.Seed + k };
            members[k] = SkillFitter.FitMonotone(SkillFitter.FitSigmoid(slothDesign, y, data.LowerBounds, d, false, o), y, o).Predict(slothGrid);
        });
        var predictions = new (string Method, double[,] Y)[]
        {
            ("Sloth", members[0]),
            ("Sloth basic", basic!.Predict(Grid(Covariates.Log10SizeLog10Tokens, InterceptKind.Family))),
            ("FLOPs", flops!.Predict(Grid(Covariates.LogFlops, InterceptKind.Shared))),
            ("PCA + FLOPs", PcaFlopsBaseline.FitPredict(pcaDesign, y, Grid(Covariates.LogFlops, InterceptKind.Family), d)),
        };
        var curves = new List<LinkFunctionCurves>();
        for (int j = 0; j < data.BenchmarkCount; j++)
        {
            var lines = predictions.Select(p => new LinkCurve(p.Method, sizes, Enumerable.Range(0, sizes.Length).Select(i => p.Y[i, j]).ToArray())
            {
                Lower = p.Method == "Sloth" && members.Length > 1 ? Enumerable.Range(0, sizes.Length).Select(i => members.Min(m => m[i, j])).ToArray() : null,
                Upper = p.Method == "Sloth" && members.Length > 1 ? Enumerable.Range(0, sizes.Length).Select(i => members.Max(m => m[i, j])).ToArray() : null,
            }).ToArray();
            var observed = familyRows.Select(i => new ObservedModel(data.Models[i], data.Parameters[i], data.Scores[i, j], held.Contains(i))).ToArray();
            curves.Add(new LinkFunctionCurves(request.Family, data.Benchmarks[j], tokens, data.LowerBounds[j], lines, observed)
            {
                TrainingSizeMin = train.Min(i => data.Parameters[i]), TrainingSizeMax = train.Max(i => data.Parameters[i]),
            });
        }
        var mae = new Dictionary<string, double> { ["Sloth"] = sloth.TrainingMae, ["Sloth basic"] = basic.TrainingMae, ["FLOPs"] = flops.TrainingMae };
        return new LinkFunctionResult(
            new LinkFunctionFits(request.Family, data.Benchmarks, held.Select(i => data.Models[i]).ToArray(), train.Length, mae, tokens), curves);
    }

    /// <summary>n sizes evenly spaced in log between lo and hi: exp(ln lo + (ln hi − ln lo)·i/(n − 1)).</summary>
    private static double[] LogSpace(double lo, double hi, int n)
    {
        double a = Math.Log(lo), b = Math.Log(hi);
        return Enumerable.Range(0, n).Select(i => Math.Exp(a + (b - a) * i / (n - 1))).ToArray();
    }
}
