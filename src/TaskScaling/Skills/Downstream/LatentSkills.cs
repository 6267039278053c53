using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills.Downstream;

/// <summary>
/// The latent skills the extra analyses of spec §8 start from: Sloth basic (stage 1, sigmoid link, log10 S, T, S·T, family
/// intercepts, c fixed) fitted on some complete-case rows, the best of the given seeds by training MAE, rotated and oriented
/// (§4, <see cref="SkillInterpretation"/>) with the given anchor row; skills θ̃ of the training rows, and of any other model
/// of a fitted family by projection, θ̃ = [x, D]·Br − m.
/// </summary>
internal sealed class LatentSkills
{
    public required SkillDataset Data { get; init; }
    public required int[] TrainingRows { get; init; }
    public required SkillFitResult SlothFit { get; init; }
    public required SkillInterpretation Interpretation { get; init; }
    public required int Seed { get; init; }

    /// <summary>Skills of the training rows (n×d), in <see cref="TrainingRows"/> order.</summary>
    public double[,] TrainingSkills => Interpretation.TrainingSkills;

    /// <summary>Fits on the complete-case rows of <paramref name="benchmarks"/> except <paramref name="heldOut"/> models.</summary>
    public static LatentSkills Fit(LeaderboardTable table, IReadOnlyList<string> benchmarks, ISet<string> heldOut, int skills, int anchor,
        IReadOnlyList<int> seeds, SkillFitOptions options, int rotationMaxIterations = Numerics.Rotation.GeominRotation.DefaultMaxIterations,
        ProgressCounter? progress = null)
    {
        var data = SkillDataset.Prepare(table, benchmarks, 1);
        var rows = Enumerable.Range(0, data.Count).Where(i => !heldOut.Contains(data.Models[i])).ToArray();
        if (rows.Length < skills + 2) throw new InvalidRequestException($"only {rows.Length} complete-case training models; too few for d = {skills}");
        var design = SkillDesign.Build(MethodFit.SlothCovariates, InterceptKind.Family, data, rows);
        var y = data.ScoresOf(rows);
        var fits = new SkillFitResult[seeds.Count];
        progress?.Expect(seeds.Count * SkillFitter.Runs(options, LinkKind.Sigmoid));
        Parallel.For(0, seeds.Count, s => fits[s] = SkillFitter.FitSigmoid(design, y, data.LowerBounds, skills, false, options with { Seed = seeds[s] }, progress));
        int best = 0;
        for (int s = 1; s < fits.Length; s++) if (fits[s].TrainingMae < fits[best].TrainingMae) best = s;
        return new LatentSkills
        {
            Data = data, TrainingRows = rows, SlothFit = fits[best], Seed = seeds[best],
            Interpretation = SkillInterpretation.Create(fits[best], data.Benchmarks, anchor, rotationMaxIterations),
        };
    }

    /// <summary>Projected skills of a model of a fitted family (S in billions, T in trillions).</summary>
    public double[] SkillsOf(string family, double parameters, double tokens)
    {
        int fam = Data.FamilyNames.ToList().IndexOf(family);
        if (fam < 0 || !TrainingRows.Any(i => Data.FamilyIndex[i] == fam))
            throw new InvalidRequestException($"family '{family}' has no complete-case training model: its intercept (efficiency) cannot be learned");
        var design = SkillDesign.Build(MethodFit.SlothCovariates, InterceptKind.Family, Data.FamilyNames, [parameters], [tokens], [6 * parameters * tokens], [fam]);
        var s = Interpretation.SkillsOf(design);
        return Enumerable.Range(0, s.GetLength(1)).Select(k => s[0, k]).ToArray();
    }

    /// <summary>The training row of a model, or −1.</summary>
    public int TrainingIndex(string model) => Array.FindIndex(TrainingRows, i => Data.Models[i] == model);

    public double[] TrainingSkillsOf(int index) => Enumerable.Range(0, Interpretation.SkillCount).Select(k => TrainingSkills[index, k]).ToArray();
}
