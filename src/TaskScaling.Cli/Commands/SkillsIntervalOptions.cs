using System.CommandLine;
using TaskScaling.Skills;

namespace TaskScaling.Cli.Commands;

/// <summary>The options of a calibrated skills prediction shared by `predict`, `backtest` and `evaluate --intervals`.</summary>
internal sealed class SkillsIntervalOptions
{
    public Option<string> Method { get; } = new("--method") { Description = "sloth, sloth-basic, flops, pca-flops or ensemble (a weighted mean of the four).", DefaultValueFactory = _ => SkillsMethods.Name(SkillsPrediction.DefaultMethod) };
    public Option<int> Seeds { get; } = new("--seeds") { Description = "Members of the ensemble (seeds 42, 43, …).", DefaultValueFactory = _ => 5 };
    public Option<double> Level { get; } = new("--level") { Description = "Coverage level of the intervals.", DefaultValueFactory = _ => 0.9 };
    public Option<int?> Threads { get; } = new("--threads") { Description = "Parallel fits (default: all processors; results do not depend on it)." };

    public IEnumerable<Option> All => [Method, Seeds, Level, Threads];

    public int? ThreadsOf(ParseResult parse)
    {
        int? n = parse.GetValue(Threads);
        if (n is < 1) throw new InvalidRequestException("--threads must be at least 1");
        return n;
    }
}
