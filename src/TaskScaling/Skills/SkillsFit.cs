using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>A fit of the skill model on every complete-case model of a benchmark set (spec §7: the interpretation fit).</summary>
public sealed record SkillsFitRequest
{
    /// <summary>"v1", "v2", "all" or "interpretation" (default: all 12 in the reference notebook's order).</summary>
    public string Set { get; init; } = "interpretation";
    /// <summary>Explicit benchmark list (overrides <see cref="Set"/>).</summary>
    public IReadOnlyList<string>? Benchmarks { get; init; }
    public int Skills { get; init; } = 3;
    public InterceptKind Intercept { get; init; } = InterceptKind.Family;
    /// <summary>log10 (S, T, S·T) as in the interpretation notebooks.</summary>
    public Covariates Covariates { get; init; } = Covariates.Log10SizeLog10Tokens;
    /// <summary>Seeds tried for stage 1; the lowest training MAE is kept (the paper used 0–19).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [42];
    /// <summary>Also run stage 2 (monotone network link, warm started).</summary>
    public bool Monotone { get; init; } = true;
    /// <summary>Orientation anchor row of the coefficients (0 = log size in the log10 order).</summary>
    public int Anchor { get; init; }
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
    /// <summary>Called with (runs done, runs in all) as the optimiser runs finish: one per learning rate of each seed's Adam
    /// sweep, then of stage 2's (one per fit for the L-BFGS optimisers). The numbers do not depend on it.</summary>
    public Action<int, int>? Progress { get; init; }
}

public sealed record SkillsFitReport
{
    public required IReadOnlyList<string> Benchmarks { get; init; }
    public required IReadOnlyList<string> Models { get; init; }
    public required IReadOnlyList<string> Families { get; init; }
    /// <summary>Family of each of <see cref="Models"/>.</summary>
    public required IReadOnlyList<string> ModelFamilies { get; init; }
    /// <summary>Chance levels c_j the stage-1 fit held fixed (one per benchmark).</summary>
    public required double[] LowerBounds { get; init; }
    /// <summary>The options of both stages (the seed is <see cref="Seed"/>).</summary>
    public required SkillFitOptions FitOptions { get; init; }
    public required int Seed { get; init; }
    /// <summary>Stage 1 ("Sloth basic"): sigmoid link, c fixed at the lower bounds.</summary>
    public required SkillFitResult Sigmoid { get; init; }
    public required TimeSpan SigmoidTime { get; init; }
    /// <summary>Stage 2 ("Sloth"): monotone network link, null unless requested.</summary>
    public SkillFitResult? Monotone { get; init; }
    public TimeSpan MonotoneTime { get; init; }
    /// <summary>Standardised, rotated, oriented reading of stage 1 (spec §4).</summary>
    public required SkillInterpretation Interpretation { get; init; }

    /// <summary>Everything needed to predict without the table, e.g. to save with <c>SkillModelFile.Write</c>.</summary>
    public SkillModel ToModel() => SkillModel.From(this);
}

/// <summary>Fits Sloth basic (and Sloth) on all complete-case models of a benchmark set and interprets it.</summary>
public static class SkillsFit
{
    public static SkillsFitReport Run(LeaderboardTable table, SkillsFitRequest? request = null)
    {
        request ??= new SkillsFitRequest();
        var benchmarks = request.Benchmarks ?? BenchmarkSets.ByName(request.Set);
        var data = SkillDataset.Prepare(table, benchmarks, 1, request.LowerBounds);
        if (benchmarks.Count > 1 && benchmarks.Count < request.Skills)
            throw new InvalidRequestException($"d = {request.Skills} skills need at least {request.Skills} benchmarks");
        int minRows = Math.Max(request.Skills + 2, 3);
        if (data.Count < minRows)
            throw new InvalidRequestException($"only {data.Count} complete-case models; at least {minRows} needed for d = {request.Skills}");
        if (request.Seeds.Count == 0) throw new InvalidRequestException("no seeds given");
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var design = SkillDesign.Build(request.Covariates, request.Intercept, data, rows);
        var progress = new ProgressCounter(request.Progress);
        progress.Expect(request.Seeds.Count * SkillFitter.Runs(request.FitOptions, LinkKind.Sigmoid)
            + (request.Monotone ? SkillFitter.Runs(request.FitOptions, LinkKind.Monotone) : 0));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        SkillFitResult? best = null; int bestSeed = 0;
        foreach (var seed in request.Seeds)
        {
            var fit = SkillFitter.FitSigmoid(design, data.Scores, data.LowerBounds, request.Skills, false, request.FitOptions with { Seed = seed }, progress);
            if (best is null || fit.TrainingMae < best.TrainingMae) { best = fit; bestSeed = seed; }
        }
        var t1 = sw.Elapsed;
        sw.Restart();
        var mono = request.Monotone ? SkillFitter.FitMonotone(best!, data.Scores, request.FitOptions with { Seed = bestSeed }, progress) : null;
        var t2 = sw.Elapsed;
        return new SkillsFitReport
        {
            Benchmarks = benchmarks.ToArray(), Models = data.Models, Families = data.FamilyNames, ModelFamilies = data.Families,
            LowerBounds = (double[])data.LowerBounds.Clone(), FitOptions = request.FitOptions with { Seed = bestSeed }, Seed = bestSeed,
            Sigmoid = best!, SigmoidTime = t1, Monotone = mono, MonotoneTime = t2,
            Interpretation = SkillInterpretation.Create(best!, benchmarks, request.Anchor),
        };
    }
}
