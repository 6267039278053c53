using System.CommandLine;
using TaskScaling.Ladder;

namespace TaskScaling.Cli.Commands;

/// <summary>The options shared by the ladder subcommands, and their translation into a library request.</summary>
internal sealed class LadderOptions
{
    public Option<string?> Ladder { get; } = new("--ladder")
    {
        Description = "A ladder description (JSON; see `ladder describe`). Default: the built-in paper ladder on the shared data.",
    };
    public Option<string?> Data { get; } = CommonOptions.Data();
    public Option<string[]> Target { get; } = new("--target")
    {
        Description = "Target run(s) of the description, e.g. 13B-5T or 7B-4T (default: every target).",
        AllowMultipleArgumentsPerToken = true,
    };
    public Option<double?> Params { get; } = CountOptions.Create("--params", "Hypothetical target: non-embedding parameters N", "70B");
    public Option<double?> Tokens { get; } = CountOptions.Create("--tokens", "Hypothetical target: training tokens D", "15T");
    public Option<double?> FlopsPerToken { get; } = new("--flops-per-token") { Description = "Hypothetical target: training FLOPs per token (flops variant)." };
    public Option<string[]> Tasks { get; } = new("--tasks")
    {
        Description = "Tasks to predict, space- or comma-separated (default: the description's eight).",
        AllowMultipleArgumentsPerToken = true,
    };
    public Option<string> Variant { get; } = new("--variant")
    {
        Description = "two-step (paper), flops (step 1 on compute), single-step, direct-accuracy (step 1 on accuracy), mc (multiple-choice accuracy).",
        DefaultValueFactory = _ => LadderNames.Of(LadderVariant.TwoStep),
    };
    public Option<string> Feature { get; } = new("--feature")
    {
        Description = "Intermediate feature: bpb (task bits per byte), c4 (C4 loss), ce (task cross-entropy).",
        DefaultValueFactory = _ => LadderNames.Of(LadderFeature.Bpb),
    };
    public Option<string> Interval { get; } = new("--interval")
    {
        Description = "Prediction intervals: calibrated (delta widened by the ladder's backtest error; default with a predictor), "
            + "delta (delta method; default with --variant), bootstrap (resampling ladder runs), none.",
    };
    public Option<string> Predictor { get; } = new("--predictor")
    {
        Description = "auto (default: per task the predictor with the best backtest), two-step, single-step, flops, direct, largest-rung, ensemble. "
            + "With --variant and no --predictor: the variant alone.",
    };
    /// <summary>True when the command takes --predictor (`ladder predict`): then a request without --variant uses a predictor.</summary>
    public bool HasPredictor { get; private set; }
    public Option<double> Level { get; } = new("--level") { Description = "Interval level.", DefaultValueFactory = _ => 0.9 };
    public Option<int> Resamples { get; } = new("--resamples") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 1000 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 42 };
    public Option<int?> MovingAverage { get; } = new("--moving-average")
    {
        Description = "Moving-average window for step 1 and step 2 (default 5; 1 for the ce feature).",
    };
    public Option<int?> Step1Checkpoints { get; } = new("--step1-checkpoints")
    {
        Description = "Step-1 points per ladder run: its final checkpoint and intermediate ones at 1/2, 1/4, … of its tokens (not annealed; "
            + "for ladders of one run per size). Default: the description's step1Checkpoints, else 1.",
    };
    public Option<double?> Skip { get; } = new("--skip") { Description = "Fraction of each ladder run's first checkpoints dropped in step 2 (default 0.1; 0.5 for ce)." };
    public Option<OutputFormat> Format { get; } = CommonOptions.Format();
    public OutOption Out { get; } = CommonOptions.Out();

    public LadderOptions()
    {
        AcceptNames<LadderVariant>(Variant);
        AcceptNames<LadderFeature>(Feature);
        AcceptNames<IntervalMethod>(Interval);
        AcceptNames<LadderPredictorKind>(Predictor);
    }

    /// <summary>The command's --plot (it keeps the variant as the default).</summary>
    public Option<string?>? Plot { get; private set; }

    public void AddPredictorOptionTo(Command cmd, Option<string?> plot)
    {
        Plot = plot;
        cmd.Options.Add(Predictor);
        HasPredictor = true;
    }

    /// <summary>The option takes the names of <see cref="LadderNames"/>; another is a parse error on one line naming the known ones.</summary>
    private static void AcceptNames<T>(Option<string> option) where T : struct, Enum
    {
        option.CompletionSources.Add(LadderNames.Known<T>().ToArray());
        option.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string>();
            if (!LadderNames.TryParse(name, out T _)) r.AddError(LadderNames.Unknown<T>(name));
        });
    }

    public void AddPredictionOptionsTo(Command cmd)
    {
        foreach (var o in new Option[] { Ladder, Data, Target, Params, Tokens, FlopsPerToken, Tasks, Variant, Feature, Interval, Level, Resamples, Seed, MovingAverage, Step1Checkpoints, Skip, Format, Out })
            cmd.Options.Add(o);
    }

    /// <summary>The description: --ladder FILE, else the built-in paper ladder under the data folder.</summary>
    public LadderDescription Description(ParseResult parse)
    {
        var file = parse.GetValue(Ladder);
        if (!string.IsNullOrWhiteSpace(file)) return LadderDescriptionFile.Read(file);
        var root = DataLocation.Resolve(parse.GetValue(Data));
        DataLocation.Require(root, PaperLadder.RunsFolder);
        return PaperLadder.Create(root);
    }

    public LadderPredictionRequest Request(ParseResult parse)
    {
        int? window = parse.GetValue(MovingAverage);
        var predictor = PredictorOf(parse);
        return new LadderPredictionRequest
        {
            Targets = Split(parse.GetValue(Target)),
            Parameters = parse.GetValue(Params),
            Tokens = parse.GetValue(Tokens),
            FlopsPerToken = parse.GetValue(FlopsPerToken),
            Tasks = Split(parse.GetValue(Tasks)),
            Variant = Choice(parse, Variant, LadderVariant.TwoStep),
            Feature = Choice(parse, Feature, LadderFeature.Bpb),
            Predictor = predictor,
            Interval = Choice(parse, Interval, predictor is null ? IntervalMethod.Delta : IntervalMethod.Calibrated),
            Level = parse.GetValue(Level),
            Resamples = parse.GetValue(Resamples),
            Seed = parse.GetValue(Seed),
            Step1Window = window,
            Step2Window = window,
            Step2Skip = parse.GetValue(Skip),
            Step1Checkpoints = parse.GetValue(Step1Checkpoints),
        };
    }

    /// <summary>--predictor, else auto when the command takes predictors and --variant is not given, else null (the variant alone).</summary>
    private LadderPredictorKind? PredictorOf(ParseResult parse)
    {
        if (!HasPredictor) return null;
        bool variantGiven = parse.GetResult(Variant) is { Implicit: false };
        // The figures hold one variant's fits: with --plot the default stays the two-step variant.
        bool variantOnly = variantGiven || parse.GetResult(Plot!) is { Implicit: false };
        if (parse.GetValue(Predictor) is not { } name) return variantOnly ? null : LadderPredictorKind.Auto;
        if (variantGiven) throw new InvalidRequestException("give either --predictor or --variant, not both (--predictor two-step, single-step and flops are those variants)");
        return LadderNames.Parse<LadderPredictorKind>(name);
    }

    /// <summary>The request of a prediction from a saved fit: the fit's own request with the targets and tasks given,
    /// and the interval and level when given (else the fit's).</summary>
    public LadderPredictionRequest RequestFrom(LadderFit fit, ParseResult parse) => fit.Request with
    {
        Targets = Split(parse.GetValue(Target)),
        Parameters = parse.GetValue(Params),
        Tokens = parse.GetValue(Tokens),
        FlopsPerToken = parse.GetValue(FlopsPerToken),
        Tasks = Split(parse.GetValue(Tasks)),
        Interval = parse.GetResult(Interval) is { Implicit: false }
            ? LadderNames.Parse<IntervalMethod>(parse.GetValue(Interval)) : fit.Interval,
        Level = parse.GetResult(Level) is { Implicit: false } ? parse.GetValue(Level) : fit.Level,
    };

    /// <summary>The named choice; <paramref name="absent"/> when the command has no such option (e.g. `ladder report` has no --variant).</summary>
    private static T Choice<T>(ParseResult parse, Option<string> option, T absent) where T : struct, Enum =>
        parse.GetValue(option) is { } name ? LadderNames.Parse<T>(name) : absent;

    private static string[]? Split(string[]? values) =>
        values is null || values.Length == 0 ? null : CliOutput.SplitList(values);
}
