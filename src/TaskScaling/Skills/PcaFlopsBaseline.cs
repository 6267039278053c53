using TaskScaling.Numerics.Decomposition;

namespace TaskScaling.Skills;

/// <summary>
/// PCA + FLOPs baseline (spec §5): centre the training scores, top-k principal directions by exact SVD,
/// regress the training PC scores on the design [ln F*, D] by ordinary least squares without an extra
/// intercept (minimum-norm when rank-deficient), predict test scores and map back. No clipping, no link.
/// </summary>
internal static class PcaFlopsBaseline
{
    /// <summary>Predicted test scores (test rows × J).</summary>
    public static double[,] FitPredict(SkillDesign train, double[,] trainScores, SkillDesign test, int components)
    {
        var pca = PrincipalComponents.Fit(trainScores, components);
        var coef = MinimumNormLeastSquares.Solve(train.ToDense(), pca.Scores);
        var xt = test.ToDense();
        int m = test.Rows, q = train.Columns, k = pca.ComponentCount;
        var scores = new double[m, k];
        for (int i = 0; i < m; i++)
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int a = 0; a < q; a++) s += xt[i, a] * coef[a, c];
                scores[i, c] = s;
            }
        return pca.Reconstruct(scores);
    }
}
