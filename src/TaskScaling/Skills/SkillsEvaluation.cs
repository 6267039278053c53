using TaskScaling.Data.Leaderboard;

namespace TaskScaling.Skills;

/// <summary>What to evaluate: benchmark sets × min_models, which methods, fit options, progress.</summary>
public sealed record EvaluationRequest
{
    /// <summary>"v1", "v2", "all".</summary>
    public IReadOnlyList<string> Sets { get; init; } = ["v1", "v2", "all"];
    /// <summary>2 (one training model per test family) and/or 3 (two).</summary>
    public IReadOnlyList<int> MinModels { get; init; } = [2, 3];
    /// <summary>Test families, each its own group, instead of the paper's groups (spec §6.3); null = the paper's.</summary>
    public IReadOnlyList<string>? Families { get; init; }
    /// <summary>Method names (spec §5); null = all 28.</summary>
    public IReadOnlyList<string>? Methods { get; init; }
    /// <summary>Fit options (default <see cref="SkillFitOptions.Default"/>: the spec's Adam procedure for both stages).</summary>
    public SkillFitOptions FitOptions { get; init; } = SkillFitOptions.Default;
    public LowerBounds LowerBounds { get; init; } = LowerBounds.Default;
    /// <summary>Degree of parallelism; null = all processors.</summary>
    public int? Parallelism { get; init; }
    /// <summary>Called after each finished unit of work with (done, total); may be called from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>One method's result in one setting (errors ×100, "percentage points").</summary>
public sealed record MethodEvaluation
{
    public required string Name { get; init; }
    /// <summary>Family-averaged MAE ×100 (spec §6.4); NaN when a fit failed.</summary>
    public required double Mae { get; init; }
    /// <summary>Per benchmark: mean over a group's test models, then over groups (×100).</summary>
    public required IReadOnlyDictionary<string, double> PerBenchmark { get; init; }
    /// <summary>Per test group (label "fam1, fam2"): mean over its test models and benchmarks (×100).</summary>
    public required IReadOnlyDictionary<string, double> PerGroup { get; init; }
    /// <summary>Null when every fit succeeded; otherwise the first failure.</summary>
    public string? Failure { get; init; }
}

/// <summary>All methods in one (benchmark set, min_models) setting.</summary>
public sealed record SettingEvaluation
{
    public required string Set { get; init; }
    public required int MinModels { get; init; }
    public required int TrainingModelsPerTestFamily { get; init; }
    public required int Models { get; init; }
    public required int Families { get; init; }
    public required int TestModels { get; init; }
    public required IReadOnlyList<string> Groups { get; init; }
    public required IReadOnlyList<MethodEvaluation> Methods { get; init; }
}

public sealed record EvaluationReport(IReadOnlyList<SettingEvaluation> Settings, TimeSpan Elapsed);

/// <summary>
/// The leave-family-out evaluation of spec §6: for every setting and test group, every requested method is
/// fitted on the training rows and scored on the held-out rows. Work is split into independent units
/// (one per group × per-benchmark chain, joint fit or PCA) run in parallel; every fit re-seeds, so results do
/// not depend on scheduling.
/// </summary>
public static class SkillsEvaluation
{
    private sealed record Setting(string Set, int MinModels, SkillDataset Data, IReadOnlyList<LeaveFamilyOutSplit> Splits);

    private enum UnitKind { PerBenchmark, Factor, Pca }

    private sealed record Unit(int Setting, int Group, UnitKind Kind, bool Flops, InterceptKind Intercept, int Benchmark, int Skills, double Cost);

    public static EvaluationReport Run(LeaderboardTable table, EvaluationRequest? request = null)
    {
        request ??= new EvaluationRequest();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var methods = (request.Methods ?? SkillMethod.All.Select(m => m.Name).ToArray()).Select(SkillMethod.ByName).Distinct().ToList();
        methods = SkillMethod.All.Where(methods.Contains).ToList(); // canonical order
        if (methods.Count == 0) throw new InvalidRequestException("no methods selected");
        var settings = new List<Setting>();
        foreach (var set in request.Sets)
            foreach (var mm in request.MinModels)
            {
                if (mm < 2) throw new InvalidRequestException("min_models must be at least 2 (one training and one test model per test family)");
                var data = SkillDataset.Prepare(table, BenchmarkSets.ByName(set), mm, request.LowerBounds);
                var groups = request.Families is { } fams ? fams.Select(f => new[] { f }).ToArray() : TestGroups.For(set, mm);
                settings.Add(new Setting(set, mm, data, groups.Select(g => HeldOutPrediction.Prepare(table, set, g, mm - 1, request.LowerBounds, data).Split).ToList()));
            }

        // predictions[setting][method][group] = test rows × J
        var preds = settings.Select(s => methods.Select(_ => s.Splits.Select(sp => Filled(sp.TestRows.Length, s.Data.BenchmarkCount)).ToArray()).ToArray()).ToArray();
        var failures = settings.Select(_ => new string?[methods.Count]).ToArray();
        var units = BuildUnits(settings, methods);
        var progress = new ProgressCounter(request.Progress);
        progress.Expect(units.Count);
        var po = new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism ?? Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(units, loadBalance: true), po, u =>
        {
            var s = settings[u.Setting];
            try { RunUnit(u, s, methods, preds[u.Setting], request); }
            catch (Exception e) when (e is InvalidRequestException or DataFormatException or ArithmeticException or ArgumentException)
            {
                lock (failures) foreach (var mi in MethodsOf(u, methods)) failures[u.Setting][mi] ??= $"{s.Set}/mm={s.MinModels}/{string.Join(", ", s.Splits[u.Group].Group)}: {e.Message}";
            }
            progress.Done();
        });

        var result = new List<SettingEvaluation>();
        for (int si = 0; si < settings.Count; si++)
        {
            var s = settings[si];
            var labels = s.Splits.Select(sp => string.Join(", ", sp.Group)).ToArray();
            var list = new List<MethodEvaluation>();
            for (int mi = 0; mi < methods.Count; mi++)
                list.Add(Score(methods[mi].Name, s, preds[si][mi], labels, failures[si][mi]));
            result.Add(new SettingEvaluation
            {
                Set = s.Set, MinModels = s.MinModels, TrainingModelsPerTestFamily = s.MinModels - 1,
                Models = s.Data.Count, Families = s.Data.FamilyNames.Count,
                TestModels = s.Splits.Sum(sp => sp.TestRows.Length), Groups = labels, Methods = list,
            });
        }
        return new EvaluationReport(result, sw.Elapsed);
    }

    private static double[,] Filled(int n, int m)
    {
        var a = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a[i, j] = double.NaN;
        return a;
    }

    private static List<Unit> BuildUnits(List<Setting> settings, List<SkillMethod> methods)
    {
        var units = new List<Unit>();
        for (int si = 0; si < settings.Count; si++)
        {
            var s = settings[si];
            int J = s.Data.BenchmarkCount;
            for (int g = 0; g < s.Splits.Count; g++)
            {
                double n = s.Splits[g].TrainRows.Length;
                foreach (var flops in new[] { true, false })
                    foreach (var ic in new[] { InterceptKind.Shared, InterceptKind.Family })
                    {
                        var ms = methods.Where(m => m.Kind == MethodKind.PerBenchmark && m.Flops == flops && m.Intercept == ic).ToList();
                        if (ms.Count == 0) continue;
                        double cost = n * (ms.Any(m => m.Link == LinkKind.Monotone) ? 20 : 1);
                        for (int j = 0; j < J; j++) units.Add(new Unit(si, g, UnitKind.PerBenchmark, flops, ic, j, 1, cost));
                    }
                foreach (var ic in new[] { InterceptKind.Shared, InterceptKind.Family })
                    for (int d = 1; d <= 4; d++)
                    {
                        var ms = methods.Where(m => m.Kind == MethodKind.Factor && m.Intercept == ic && m.Skills == d).ToList();
                        if (ms.Count == 0) continue;
                        double cost = n * J * (ms.Any(m => m.Link == LinkKind.Monotone) ? 20 : d);
                        units.Add(new Unit(si, g, UnitKind.Factor, false, ic, -1, d, cost));
                    }
                if (methods.Any(m => m.Kind == MethodKind.PcaFlops)) units.Add(new Unit(si, g, UnitKind.Pca, true, InterceptKind.Family, -1, 0, 1));
            }
        }
        // Longest first, for a balanced parallel schedule; stable for equal costs.
        return units.Select((u, i) => (u, i)).OrderByDescending(t => t.u.Cost).ThenBy(t => t.i).Select(t => t.u).ToList();
    }

    private static IEnumerable<int> MethodsOf(Unit u, List<SkillMethod> methods)
    {
        for (int mi = 0; mi < methods.Count; mi++)
        {
            var m = methods[mi];
            bool match = u.Kind switch
            {
                UnitKind.PerBenchmark => m.Kind == MethodKind.PerBenchmark && m.Flops == u.Flops && m.Intercept == u.Intercept,
                UnitKind.Factor => m.Kind == MethodKind.Factor && m.Intercept == u.Intercept && m.Skills == u.Skills,
                _ => m.Kind == MethodKind.PcaFlops,
            };
            if (match) yield return mi;
        }
    }

    private static void RunUnit(Unit u, Setting s, List<SkillMethod> methods, double[][][,] preds, EvaluationRequest request)
    {
        var split = s.Splits[u.Group];
        var data = s.Data;
        int nTrain = s.MinModels - 1;
        var yTrain = data.ScoresOf(split.TrainRows);
        var mine = MethodsOf(u, methods).ToList();
        var opt = request.FitOptions;
        if (u.Kind == UnitKind.Pca)
        {
            var cov = nTrain >= 2 ? Covariates.LogFlopsByFamily : Covariates.LogFlops;
            var train = SkillDesign.Build(cov, InterceptKind.Family, data, split.TrainRows);
            var test = SkillDesign.Build(cov, InterceptKind.Family, data, split.TestRows);
            foreach (var mi in mine)
            {
                var p = PcaFlopsBaseline.FitPredict(train, yTrain, test, methods[mi].Skills);
                preds[mi][u.Group] = p;
            }
            return;
        }
        var covariates = u.Flops ? (nTrain >= 2 ? Covariates.LogFlopsByFamily : Covariates.LogFlops) : Covariates.LogTokensLogSize;
        var dTrain = SkillDesign.Build(covariates, u.Intercept, data, split.TrainRows);
        var dTest = SkillDesign.Build(covariates, u.Intercept, data, split.TestRows);
        bool wantMonotone = mine.Any(mi => methods[mi].Link == LinkKind.Monotone);
        if (u.Kind == UnitKind.PerBenchmark)
        {
            int j = u.Benchmark;
            var y = new double[yTrain.GetLength(0), 1];
            for (int i = 0; i < y.Length; i++) y[i, 0] = yTrain[i, j];
            var s1 = SkillFitter.FitSigmoid(dTrain, y, [data.LowerBounds[j]], 1, u.Flops, opt);
            SkillFitResult? s2 = wantMonotone ? SkillFitter.FitMonotone(s1, y, opt) : null;
            foreach (var mi in mine)
            {
                var fit = methods[mi].Link == LinkKind.Sigmoid ? s1 : s2!;
                var p = fit.Predict(dTest);
                var target = preds[mi][u.Group];
                for (int i = 0; i < p.GetLength(0); i++) target[i, j] = p[i, 0];
            }
        }
        else
        {
            var s1 = SkillFitter.FitSigmoid(dTrain, yTrain, data.LowerBounds, u.Skills, false, opt);
            SkillFitResult? s2 = wantMonotone ? SkillFitter.FitMonotone(s1, yTrain, opt) : null;
            foreach (var mi in mine)
                preds[mi][u.Group] = (methods[mi].Link == LinkKind.Sigmoid ? s1 : s2!).Predict(dTest);
        }
    }

    private static MethodEvaluation Score(string name, Setting s, double[][,] groupPreds, string[] labels, string? failure)
    {
        int J = s.Data.BenchmarkCount, G = s.Splits.Count;
        var perGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        var perBench = new double[J];
        double total = 0;
        for (int g = 0; g < G; g++)
        {
            var test = s.Splits[g].TestRows;
            var p = groupPreds[g];
            double sum = 0;
            for (int j = 0; j < J; j++)
            {
                double bj = 0;
                for (int i = 0; i < test.Length; i++) bj += Math.Abs(p[i, j] - s.Data.Scores[test[i], j]);
                sum += bj;
                perBench[j] += bj / test.Length / G;
            }
            double mae = sum / (test.Length * J);
            perGroup[labels[g]] = 100 * mae;
            total += mae / G;
        }
        return new MethodEvaluation
        {
            Name = name, Mae = 100 * total,
            PerBenchmark = s.Data.Benchmarks.Select((b, j) => (b, v: 100 * perBench[j])).ToDictionary(t => t.b, t => t.v, StringComparer.Ordinal),
            PerGroup = perGroup, Failure = failure,
        };
    }
}
