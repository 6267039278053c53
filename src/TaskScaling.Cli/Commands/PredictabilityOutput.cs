using Spectre.Console;
using Spectre.Console.Rendering;
using TaskScaling.Ladder;
using static TaskScaling.Cli.Commands.LadderOutput;

namespace TaskScaling.Cli.Commands;

/// <summary>The predictability flag in `ladder predict`'s outputs: a marker after a flagged task's name and a footnote
/// saying why (tables), and the flag's fields as CSV columns (named as in JSON's <c>predictability</c>).</summary>
internal static class PredictabilityOutput
{
    /// <summary>The marker of a task whose prediction does not stand out of its noise.</summary>
    public const string Marker = "‡";

    public static string TaskCell(TaskPrediction k) => (k.DisplayName ?? k.Task) + (k.Predictability?.Flagged == true ? $" {Marker}" : "");

    /// <summary>One line per flagged task: the reason, then the numbers behind it in points.</summary>
    public static IEnumerable<IRenderable> Footnotes(TargetPrediction t)
    {
        foreach (var k in t.Tasks.Where(k => k.Predictability?.Flagged == true))
        {
            var p = k.Predictability!;
            var numbers = $"change {Points(p.PredictedChange)} pt, noise SD {Points(p.Noise)} pt"
                + (k.BacktestError is { } b ? $", backtest error {Points(b)} pt" : "")
                + $", signal {Points(p.Signal)} pt" + (p.Ratio is { } r ? $", signal/noise {F(r, "F1")}" : "");
            yield return new Markup($"  [yellow]{Marker} {Markup.Escape(k.Task)}: low predictability: {Markup.Escape(p.Reason ?? "")} ({Markup.Escape(numbers)})[/]\n");
        }
    }

    public static readonly string[] CsvColumns = ["noise", "signal", "ratio", "predictedChange", "flagged", "reason"];

    public static object?[] CsvValues(TaskPrediction k) => k.Predictability is { } p
        ? [p.Noise, p.Signal, p.Ratio, p.PredictedChange, p.Flagged ? "true" : "false", p.Reason]
        : new object?[CsvColumns.Length];
}
