namespace TaskScaling.Skills;

/// <summary>One fit of a <see cref="SkillsMethod"/>: its predictions of the asked rows, its training MAE, and the Sloth fits when it has them.</summary>
internal sealed record MethodFitResult(double[,] Predictions, double TrainingMae, SkillFitResult? Sigmoid, SkillFitResult? Monotone);

/// <summary>
/// Fits one single <see cref="SkillsMethod"/> on some rows of a dataset and predicts other rows. Sloth and Sloth basic use the
/// design of `skills fit` and saved models — (log10 S, log10 T, log10 S·log10 T) and family intercepts — so a fresh prediction
/// and one from a saved model are the same computation; the FLOPs methods use ln F, with one slope per family when the predicted
/// families keep two or more models (spec §5, lnF*).
/// </summary>
internal static class MethodFit
{
    public const Covariates SlothCovariates = Covariates.Log10SizeLog10Tokens;

    public static Covariates FlopsCovariates(int givenModels) => givenModels >= 2 ? Covariates.LogFlopsByFamily : Covariates.LogFlops;

    /// <summary>Checks that the method can run with these data before any fit (one-line errors).</summary>
    public static void Validate(SkillsMethod method, int skills, int benchmarks)
    {
        if (skills < 1) throw new InvalidRequestException("--d must be at least 1");
        if (method is SkillsMethod.Sloth or SkillsMethod.SlothBasic or SkillsMethod.PcaFlops or SkillsMethod.Ensemble && benchmarks > 1 && skills > benchmarks)
            throw new InvalidRequestException($"d = {skills} needs at least {skills} benchmarks, the set has {benchmarks}");
    }

    public static MethodFitResult Run(SkillsMethod method, int skills, SkillDataset data, int[] trainRows, int givenModels,
        DesignRows predict, int seed, SkillFitOptions options)
    {
        var opt = options with { Seed = seed };
        var y = data.ScoresOf(trainRows);
        var train = DesignRows.Of(data, trainRows);
        var all = train.Concat(predict);
        int n = trainRows.Length, J = data.BenchmarkCount;
        double[,] p;
        SkillFitResult? s1 = null, s2 = null;
        switch (method)
        {
            case SkillsMethod.Sloth or SkillsMethod.SlothBasic:
            {
                var design = train.Build(SlothCovariates, InterceptKind.Family, data.FamilyNames);
                s1 = SkillFitter.FitSigmoid(design, y, data.LowerBounds, J == 1 ? 1 : skills, false, opt);
                if (method == SkillsMethod.Sloth) s2 = SkillFitter.FitMonotone(s1, y, opt);
                p = (s2 ?? s1).Predict(all.Build(SlothCovariates, InterceptKind.Family, data.FamilyNames));
                break;
            }
            case SkillsMethod.Flops:
            {
                var cov = FlopsCovariates(givenModels);
                var design = train.Build(cov, InterceptKind.Family, data.FamilyNames);
                var target = all.Build(cov, InterceptKind.Family, data.FamilyNames);
                p = new double[all.Count, J];
                for (int j = 0; j < J; j++)
                {
                    var yj = new double[n, 1];
                    for (int i = 0; i < n; i++) yj[i, 0] = y[i, j];
                    var fit = SkillFitter.FitSigmoid(design, yj, [data.LowerBounds[j]], 1, true, opt);
                    var pj = fit.Predict(target);
                    for (int i = 0; i < all.Count; i++) p[i, j] = pj[i, 0];
                }
                break;
            }
            case SkillsMethod.PcaFlops:
            {
                var cov = FlopsCovariates(givenModels);
                p = PcaFlopsBaseline.FitPredict(train.Build(cov, InterceptKind.Family, data.FamilyNames), y,
                    all.Build(cov, InterceptKind.Family, data.FamilyNames), Math.Min(skills, J));
                break;
            }
            default: throw new InvalidRequestException("the ensemble is a combination of fits, not one fit");
        }
        // Sloth: the fitter's own training MAE (as a saved model keeps it); otherwise mean |ŷ − y| over the training cells.
        double mae = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < J; j++) mae += Math.Abs(p[i, j] - y[i, j]);
        if ((s2 ?? s1) is { } sloth) mae = sloth.TrainingMae * n * J;
        var rest = new double[predict.Count, J];
        for (int i = 0; i < predict.Count; i++) for (int j = 0; j < J; j++) rest[i, j] = p[n + i, j];
        return new MethodFitResult(rest, mae / (n * J), s1, s2);
    }
}
