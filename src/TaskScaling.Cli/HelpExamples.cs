using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace TaskScaling.Cli;

/// <summary>
/// Help as users type the command: `taskscaling` (not the assembly's name, which the parser takes from the
/// running file), and one example per command below its options.
/// </summary>
internal static class HelpExamples
{
    /// <summary>One example per command, by command path.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByCommand = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [""] = "taskscaling ladder predict --target 13B-5T",
        ["nist"] = "taskscaling nist --format json --out nist.json",
        ["ladder"] = "taskscaling ladder predict --params 70B --tokens 15T",
        ["ladder predict"] = "taskscaling ladder predict --target 13B-5T --tasks mmlu,hellaswag --out 13b.json",
        ["ladder step1"] = "taskscaling ladder step1 --target 13B-5T --tasks mmlu",
        ["ladder step2"] = "taskscaling ladder step2 --target 7B-4T --format csv",
        ["ladder variance"] = "taskscaling ladder variance --run 1.3B-10xC --checkpoints 10",
        ["ladder compute-vs-error"] = "taskscaling ladder compute-vs-error --target 7B-4T --tasks mmlu",
        ["ladder backtest"] = "taskscaling ladder backtest --tasks mmlu,arc_easy --predictor two-step",
        ["ladder describe"] = "taskscaling ladder describe --out my-ladder.json",
        ["ladder init"] = "taskscaling ladder init path/to/lm-eval-results --out draft.json",
        ["ladder report"] = "taskscaling ladder report --target 13B-5T --out report",
        ["skills"] = "taskscaling skills predict --family meta-llama-3 --params 70B --tokens 15T",
        ["skills evaluate"] = "taskscaling skills evaluate --methods pca_d=2 --set v2 --out eval.json",
        ["skills fit"] = "taskscaling skills fit --d 3 --out model.json",
        ["skills interpret"] = "taskscaling skills interpret --d 3",
        ["skills predict"] = "taskscaling skills predict --family meta-llama-3 --params 70B --tokens 15T",
        ["skills backtest"] = "taskscaling skills backtest --family qwen2 --given 1",
        ["skills downstream"] = "taskscaling skills downstream --benchmark HumanEval --target meta-llama-3-70b",
        ["skills test-time"] = "taskscaling skills test-time --samples samples.csv --held-out gemma-7b",
        ["skills report"] = "taskscaling skills report --out skills-report",
        ["skills import"] = "taskscaling skills import --leaderboard open-llm-leaderboard_new.csv --tokens tokens.csv --out mine.csv",
    };

    /// <summary>The command's path ("ladder predict"; "" for the root).</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return string.Join(' ', names);
    }

    /// <summary>Replaces the help option's action on <paramref name="root"/> (the option is recursive: one for all).</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction inner) help.Action = new Renamed(inner);
    }

    /// <summary>Whether the line asks for help (then a missing required option is no error).</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is Renamed;

    private sealed class Renamed(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            var config = parse.InvocationConfiguration;
            var output = config.Output;
            var text = new StringWriter();
            config.Output = text;
            try { inner.Invoke(parse); }
            finally { config.Output = output; }
            output.Write(text.ToString().Replace(RootCommand.ExecutableName, "taskscaling", StringComparison.Ordinal).TrimEnd() + Environment.NewLine);
            if (ByCommand.TryGetValue(PathOf(parse.CommandResult.Command), out var example))
                output.Write($"{Environment.NewLine}Example:{Environment.NewLine}  {example}{Environment.NewLine}");
            return 0;
        }
    }
}
