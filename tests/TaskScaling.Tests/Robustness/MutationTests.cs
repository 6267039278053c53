using System.Diagnostics;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Data.LmEval;
using TaskScaling.Data.SavedFits;
using TaskScaling.Ladder;
using TaskScaling.Skills;
using TaskScaling.Skills.Import;
using TaskScaling.Tests.Ladder;
using TaskScaling.Tests.Skills;
using Xunit.Abstractions;

namespace TaskScaling.Tests.Robustness;

/// <summary>
/// Broken variants of every kind of file we read (W&amp;B run histories, lm-eval results, ladder descriptions,
/// leaderboard tables, saved ladder fits and skill models), made by a seeded <see cref="Mutator"/> and run through
/// the library in-process. Every outcome must be a result, a <see cref="DataFormatException"/> or an
/// <see cref="InvalidRequestException"/> with a one-line message — never another exception, never a hang (10 s
/// each) — and a result must not carry a prediction outside [0, 1]. The default campaign is 560 variants;
/// <c>TASKSCALING_MUTANTS=K</c> runs K times as many and <c>TASKSCALING_MUTATION_SEED=S</c> draws other ones.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("TASKSCALING_MUTANTS"), out var k) && k > 0 ? k : 1;
    private static readonly int BaseSeed = int.TryParse(Environment.GetEnvironmentVariable("TASKSCALING_MUTATION_SEED"), out var s) ? s : 1;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly string DataRoot = ReferenceRun.DataRoot;

    private readonly string _dir = Directory.CreateTempSubdirectory("mutants").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private enum Outcome { Result, DataError, RequestError }

    /// <summary>Runs <paramref name="count"/> × scale mutants of <paramref name="files"/> (in turn) through
    /// <paramref name="run"/>, which gets the mutant's path (same file name as the original) and the variant's
    /// random source, and asserts the contract.</summary>
    private void Campaign(string subject, int count, IReadOnlyList<string> files, Action<string, string, Random> run)
    {
        var outcomes = new Dictionary<Outcome, int>();
        var others = new List<string>();
        var originals = files.ToDictionary(f => f, File.ReadAllBytes);
        var slowest = TimeSpan.Zero;
        for (int i = 0; i < count * Scale; i++)
        {
            var file = files[i % files.Count];
            int seed = unchecked(Stable(subject) * 1_000_003 + BaseSeed * 7_919 + i);
            var (bytes, kind) = Mutator.Mutate(originals[file], seed);
            var folder = Directory.CreateDirectory(Path.Combine(_dir, $"{subject}-{i}")).FullName;
            var path = Path.Combine(folder, Path.GetFileName(file));
            File.WriteAllBytes(path, bytes);
            var label = $"{Path.GetFileName(file)} #{i} ({kind}, seed {seed})";
            var watch = Stopwatch.StartNew();
            var task = Task.Run(() => run(file, path, new Random(seed)));
            if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit))
            {
                others.Add($"{label}: no outcome after {Limit.TotalSeconds} s");
                continue;
            }
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            var e = task.Exception?.InnerException;
            Outcome? outcome = e switch
            {
                null => Outcome.Result,
                DataFormatException => Outcome.DataError,
                InvalidRequestException => Outcome.RequestError,
                _ => null,
            };
            if (outcome is null) others.Add($"{label}: {e!.GetType().Name}: {e.Message}\n{e.StackTrace}");
            else if (e is not null && e.Message.Contains('\n')) others.Add($"{label}: a message of more than one line: {e.Message}");
            else outcomes[outcome.Value] = outcomes.GetValueOrDefault(outcome.Value) + 1;
            Directory.Delete(folder, true);
        }
        output.WriteLine($"{subject}: {count * Scale} variants; " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) +
            $"; others {others.Count}; slowest {slowest.TotalSeconds:F2} s");
        Assert.True(others.Count == 0, $"{others.Count} of {count * Scale} {subject} variants broke the contract:\n" + string.Join("\n", others.Take(5)));
    }

    /// <summary>A string's hash that does not change between processes (string.GetHashCode does).</summary>
    private static int Stable(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    // ---- ladders -------------------------------------------------------------------------------------------

    /// <summary>The paper ladder with absolute file paths, so that a description anywhere finds the shipped runs.</summary>
    private static readonly Lazy<LadderDescription> Absolute = new(() =>
    {
        var p = ReferenceRun.Paper;
        return p with
        {
            Runs = [.. p.Runs.Select(r => r with
            {
                File = p.ResolvePath(r.File),
                IntermediateFile = r.IntermediateFile is null ? null : p.ResolvePath(r.IntermediateFile),
            })],
        };
    });

    private static IReadOnlyList<string> RunFiles =>
        [.. Absolute.Value.Runs.SelectMany(r => new[] { r.File, r.IntermediateFile }).OfType<string>().Distinct()];

    /// <summary>The prediction contract beyond exceptions: an ok accuracy is a number in [0, 1], its interval
    /// ordered around it.</summary>
    private static void CheckPrediction(LadderPrediction p)
    {
        foreach (var t in p.Targets)
            foreach (var task in t.Tasks.Where(x => x.Status == PredictionStatus.Ok))
            {
                var y = task.Predicted!.Value;
                if (!(y >= 0 && y <= 1)) throw new InvalidOperationException($"{t.Target} {task.Task}: predicted {y} with status ok");
                if (task.Lower is double lo && task.Upper is double hi && !(lo <= y && y <= hi))
                    throw new InvalidOperationException($"{t.Target} {task.Task}: interval [{lo}, {hi}] does not hold {y}");
            }
    }

    [Fact]
    public void WandbRunHistories() => Campaign("wandb", 160, RunFiles, (original, mutant, rng) =>
    {
        var d = Absolute.Value;
        var described = d with
        {
            Runs = [.. d.Runs.Select(r => r with
            {
                File = r.File == original ? mutant : r.File,
                IntermediateFile = r.IntermediateFile == original ? mutant : r.IntermediateFile,
            })],
        };
        var task = d.DefaultTasks[rng.Next(d.DefaultTasks.Count)];
        var variant = rng.Next(4) == 0 ? LadderVariant.Mc : LadderVariant.TwoStep;
        CheckPrediction(LadderPredictor.Predict(described, new LadderPredictionRequest
        {
            Targets = ["7B-4T", "13B-5T"], Tasks = [task], Variant = variant, Interval = IntervalMethod.Delta,
        }));
    });

    [Fact]
    public void LadderDescriptions()
    {
        var source = Path.Combine(_dir, "ladder.json");
        File.WriteAllText(source, LadderDescriptionFile.ToJson(Absolute.Value) + "\n");
        Campaign("description", 100, [source], (original, mutant, rng) =>
        {
            var d = LadderDescriptionFile.Read(mutant);
            var tasks = d.DefaultTasks.Count > 0 ? d.DefaultTasks : d.Tasks.Select(t => t.Name).ToList();
            CheckPrediction(LadderPredictor.Predict(d, new LadderPredictionRequest
            {
                Tasks = tasks.Count == 0 ? null : [tasks[rng.Next(tasks.Count)]], Interval = IntervalMethod.Delta,
            }));
        });
    }

    [Fact]
    public void LmEvalResults()
    {
        var files = Directory.GetFiles(Path.Combine(DataRoot, "formats"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Campaign("lm-eval", 100, files, (original, mutant, rng) =>
        {
            var results = LmEvalReader.ReadFile(mutant);
            foreach (var t in results.Tasks.Values) _ = t.ToString();
            // Half of them also through `ladder init`, which scans a folder of such files.
            if (rng.Next(2) == 0) _ = LadderInit.Scan(Path.GetDirectoryName(mutant)!);
        });
    }

    /// <summary>Saved fits: a delta fit of two tasks and a bootstrap fit (20 resamples), predicted at a new target.</summary>
    [Fact]
    public void LadderFitFiles()
    {
        var paper = ReferenceRun.Paper;
        var files = new List<string>();
        foreach (var (name, interval) in new[] { ("delta.json", IntervalMethod.Delta), ("bootstrap.json", IntervalMethod.Bootstrap) })
        {
            var p = LadderPredictor.Predict(paper, new LadderPredictionRequest
            {
                Targets = ["13B-5T"], Tasks = ["mmlu", "arc_easy"], Interval = interval, Resamples = 20,
            });
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, LadderFitFile.ToJson(p.Fit!, LadderFitFile.Inputs(p.Fit!, paper)));
            files.Add(path);
        }
        Campaign("ladder fit", 60, files, (original, mutant, rng) =>
        {
            var fit = LadderFitFile.Read(mutant).Payload;
            CheckPrediction(LadderPredictor.Predict(fit, new LadderPredictionRequest
            {
                Parameters = 30e9, Tokens = 6e12,
                Interval = original.EndsWith("bootstrap.json", StringComparison.Ordinal) ? IntervalMethod.Bootstrap : IntervalMethod.Delta,
            }));
        });
    }

    // ---- skills --------------------------------------------------------------------------------------------

    [Fact]
    public void LeaderboardTables()
    {
        static string Sloth(string name) => Path.Combine(DataRoot, "sloth", name);
        Campaign("leaderboard", 100, [Sloth("data_v1.csv"), Sloth("data_v2.csv"), Sloth("tokens.csv"), Sloth("open-llm-leaderboard_new.csv")],
            (original, mutant, rng) =>
            {
                switch (Path.GetFileName(original))
                {
                    case "tokens.csv": _ = ModelMetadataReader.Read(mutant); break;
                    case "open-llm-leaderboard_new.csv": _ = LeaderboardContentsReader.Read(mutant); break;
                    default:
                        var table = LeaderboardReader.Read(mutant);
                        var benchmarks = original.EndsWith("v1.csv", StringComparison.Ordinal) ? OpenLlmLeaderboard.V1 : OpenLlmLeaderboard.V2;
                        _ = SkillDataset.Prepare(table, benchmarks);
                        break;
                }
            });
    }

    /// <summary>Saved skill models (the quick d = 1 test fit), predicting a new model of each family.</summary>
    [Fact]
    public void SkillModelFiles()
    {
        var path = Path.Combine(_dir, "model.json");
        File.WriteAllText(path, SkillModelFile.ToJson(SkillModelTestFits.D1.ToModel(), [new InputChecksum("sloth/data_v2.csv", new string('0', 64))]));
        Campaign("skill model", 40, [path], (original, mutant, rng) =>
        {
            var model = SkillModelFile.Read(mutant).Payload;
            var family = model.Families[rng.Next(model.Families.Count)];
            var report = SkillsPrediction.Predict(model, family, 70, 15);
            foreach (var b in report.Predictions)
                if (!(b.Score >= 0 && b.Score <= 1)) throw new InvalidOperationException($"{b.Benchmark}: predicted {b.Score}");
        });
    }
}
