using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;
using static TaskScaling.Cli.CliOutput;
using static TaskScaling.Cli.Commands.LadderOutput;

namespace TaskScaling.Cli.Commands;

/// <summary>`ladder backtest`: one call to <see cref="LadderBacktest.Run(LadderDescription, LadderBacktestRequest)"/>.</summary>
internal static class LadderBacktestCommand
{
    public static Command Create()
    {
        var o = new LadderOptions();
        var predictors = new Option<string[]>("--predictor")
        {
            Description = "Predictors to backtest, space- or comma-separated (default: all): auto, two-step, single-step, flops, direct, largest-rung, ensemble.",
            AllowMultipleArgumentsPerToken = true,
        };
        var interval = new Option<string>("--interval") { Description = "Intervals of the held-out predictions: calibrated (default, leave-one-size-out), delta, none." };
        var cmd = new Command("backtest", "How far to trust the ladder: fit on smaller runs, predict larger ones (each size from the smaller sizes, each next compute "
            + "from all smaller runs), and score every predictor's error, coverage, width and interval score.");
        foreach (var opt in new Option[] { o.Ladder, o.Data, o.Tasks, predictors, o.Feature, o.MovingAverage, o.Step1Checkpoints, interval, o.Level, o.Format, o.Out }) cmd.Options.Add(opt);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var kinds = SplitList(parse.GetValue(predictors)).Select(LadderNames.Parse<LadderPredictorKind>).ToArray();
            var tasks = SplitList(parse.GetValue(o.Tasks));
            var result = LadderBacktest.Run(o.Description(parse), new LadderBacktestRequest
            {
                Tasks = tasks.Length > 0 ? tasks : null,
                Predictors = kinds.Length > 0 ? kinds : null,
                Interval = parse.GetValue(interval) is { } i ? LadderNames.Parse<IntervalMethod>(i) : IntervalMethod.Calibrated,
                Level = parse.GetValue(o.Level),
                Feature = LadderNames.Parse<LadderFeature>(parse.GetValue(o.Feature)),
                MovingAverage = parse.GetValue(o.MovingAverage),
                Step1Checkpoints = parse.GetValue(o.Step1Checkpoints),
            });
            var outPath = parse.GetValue(o.Out);
            switch (parse.GetValue(o.Format))
            {
                case OutputFormat.Json: WriteText(ToJson(result).ToJsonString(Json) + "\n", outPath); break;
                case OutputFormat.Csv: WriteText(ToCsv(result), outPath); break;
                default: WriteRenderables(Render(result), outPath); break;
            }
            return 0;
        }));
        return cmd;
    }

    private static readonly string[] RowFields =
    [
        "fold", "task", "predictor", "chosen", "run", "size", "params", "tokens", "status", "predicted", "actual", "error", "absoluteError",
        "lower", "upper", "interval", "covered", "extrapolationDistance", "message",
    ];

    /// <summary>One object: ladder, interval, level, folds, summary (per task and predictor, then task "all"), rows; predictor names as on the command line.</summary>
    internal static JsonObject ToJson(LadderBacktestResult r)
    {
        var node = ToNode(r)!.AsObject();
        node["interval"] = LadderNames.Of(r.Interval);
        foreach (var x in node["rows"]!.AsArray().Concat(node["summary"]!.AsArray()))
            Rename(x!.AsObject());
        for (int i = 0; i < r.Rows.Count; i++) node["rows"]![i]!["interval"] = LadderNames.Of(r.Rows[i].Interval);
        return node;

        static void Rename(JsonObject o)
        {
            foreach (var key in new[] { "predictor", "chosen" })
                if (o[key] is JsonValue v && v.TryGetValue(out string? s))
                    o[key] = LadderNames.Of(Enum.Parse<LadderPredictorKind>(s, ignoreCase: true));
        }
    }

    /// <summary>One row per held-out prediction; field names as in JSON's rows.</summary>
    internal static string ToCsv(LadderBacktestResult r) => Csv(RowFields, r.Rows.Select(x => new object?[]
    {
        x.Fold, x.Task, LadderNames.Of(x.Predictor), x.Chosen is { } c ? LadderNames.Of(c) : null, x.Run, x.Size, x.Parameters, x.Tokens,
        x.Status.ToString().ToLowerInvariant(), x.Predicted, x.Actual, x.Error, x.AbsoluteError, x.Lower, x.Upper, LadderNames.Of(x.Interval),
        x.Covered is { } cv ? (cv ? "true" : "false") : null, x.ExtrapolationDistance, x.Message,
    }));

    private static IEnumerable<IRenderable> Render(LadderBacktestResult r)
    {
        var ran = r.Folds.Where(f => f.Skipped is null).ToArray();
        yield return new Text($"Backtest of {r.Ladder}: {ran.Length} folds ({ran.Sum(f => f.HeldOutRuns.Count)} held-out runs), {Pct(r.Level)} {LadderNames.Of(r.Interval)} intervals\n");
        var all = new Table().Border(TableBorder.Rounded);
        all.AddColumns(SummaryColumns);
        foreach (var s in r.Summary.Where(s => s.Task == "all")) all.AddRow(Cells(s, LadderNames.Of(s.Predictor)));
        all.Caption("all tasks; accuracy in points (×100); interval score: width + 2/α × distance outside");
        yield return all;
        var per = new Table().Border(TableBorder.Rounded);
        per.AddColumns(["Task", .. SummaryColumns]);
        foreach (var s in r.Summary.Where(s => s.Task != "all")) per.AddRow([new Text(s.Task), .. Cells(s, LadderNames.Of(s.Predictor))]);
        yield return per;
        foreach (var f in r.Folds)
            yield return new Markup(f.Skipped is null
                ? $"  [grey]{Markup.Escape(f.Name)}: fitted on {f.TrainRuns.Count} runs, predicts {Markup.Escape(string.Join(", ", f.HeldOutRuns))}[/]\n"
                : $"  [grey]{Markup.Escape(f.Name)}: skipped ({Markup.Escape(f.Skipped)})[/]\n");
        foreach (var u in r.Unavailable) yield return new Markup($"  [yellow]{Markup.Escape(u)}[/]\n");
        yield return new Text("\n");
    }

    // Two-line headers keep the per-task table within 100 columns.
    private static readonly string[] SummaryColumns = ["Predictor", "Held-out\nruns", "MAE\n(pts)", "Coverage", "Mean width\n(pts)", "Interval\nscore (pts)"];

    private static Text[] Cells(BacktestSummary s, string name) =>
    [
        new(name), new((s.Count + (s.Failed > 0 ? $" ({s.Failed} failed)" : "")).ToString(CultureInfo.InvariantCulture)),
        new(Points(s.MeanAbsoluteError)), new(s.Coverage is { } c ? Pct(c) : "–"), new(Points(s.MeanWidth)), new(Points(s.IntervalScore)),
    ];
}
