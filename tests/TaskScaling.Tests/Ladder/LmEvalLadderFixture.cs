using TaskScaling.Data.Runs;
using TaskScaling.Ladder;
using TaskScaling.Tests.Data.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// The built-in paper ladder's runs converted (once per test class) to lm-eval results, one JSON per checkpoint,
/// in a temporary folder, and a description of them naming the same tasks, targets and N, F as the built-in one.
/// The runs say their step in different ways, and D is given in every way the description allows:
/// 190M/370M/1.3B: revision=stepN, tokens step × tokensPerStep (auto); 760M: stepN.json files, a glob, source
/// stepTimesBatch; 1.3B-1xC: no step anywhere, D per checkpoint; 13B-5T: revision=stepN; 7B-4T: its final file
/// has no step (D listed for that file) and its intermediate checkpoints use step × tokensPerStep.
/// </summary>
public sealed class LmEvalLadderFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("lmeval-ladder").FullName;
    public LadderDescription Csv { get; } = ReferenceRun.Paper;
    public LadderDescription LmEval { get; }

    public LmEvalLadderFixture()
    {
        var runs = new List<LadderRun>();
        foreach (var run in Csv.Runs)
        {
            var csv = Csv.ResolvePath(run.File);
            var (tokens, perStep, steps) = LmEvalConversion.Tokens(csv);
            var folder = Path.Combine(Root, run.Name);
            TokenSpec spec;
            string file = folder;
            if (run.Name.StartsWith("760M", StringComparison.Ordinal))
            {
                LmEvalConversion.Convert(csv, folder, run.Name, StepNaming.FileName);
                spec = new TokenSpec { Source = TokenSource.StepTimesBatch, TokensPerStep = perStep };
                file = Path.Combine(folder, "step*.json");
            }
            else if (run.Name == "1.3B-1xC")
            {
                LmEvalConversion.Convert(csv, folder, run.Name, StepNaming.None);
                spec = new TokenSpec
                {
                    Source = TokenSource.PerCheckpoint,
                    Checkpoints = Enumerable.Range(0, tokens.Length).ToDictionary(r => $"checkpoint_{r:D4}.json", r => (double?)tokens[r]),
                };
            }
            else if (run.Name == "7B-4T")
            {
                LmEvalConversion.Convert(csv, folder, run.Name, StepNaming.None);
                var (_, interPerStep, _) = LmEvalConversion.Tokens(Csv.ResolvePath(run.IntermediateFile!));
                spec = new TokenSpec
                {
                    Checkpoints = new Dictionary<string, double?> { ["checkpoint_0000.json"] = tokens.Single() },
                    TokensPerStep = interPerStep,
                };
            }
            else
            {
                LmEvalConversion.Convert(csv, folder, run.Name, StepNaming.Revision);
                spec = new TokenSpec { TokensPerStep = perStep };
            }
            string? inter = null;
            if (run.IntermediateFile is { } f)
            {
                inter = Path.Combine(Root, run.Name + "-intermediate");
                LmEvalConversion.Convert(Csv.ResolvePath(f), inter, run.Name, StepNaming.Revision);
            }
            runs.Add(run with { File = file, Format = RunFormat.LmEval, Tokens = spec, IntermediateFile = inter });
        }
        LmEval = Csv with
        {
            Runs = runs,
            Tasks = Csv.Tasks.Select(LmEvalConversion.Task).ToArray(),
            C4LossColumn = LmEvalConversion.Column(Csv.C4LossColumn),
            C4LossTransform = FeatureTransform.Log,
            BaseDirectory = Root,
            Source = "lm-eval ladder",
        };
    }

    public void Dispose() => Directory.Delete(Root, true);
}
