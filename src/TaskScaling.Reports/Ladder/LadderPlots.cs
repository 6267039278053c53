using System.Text;
using System.Text.Json;
using TaskScaling.Data;
using TaskScaling.Ladder;
using TaskScaling.Reports.Figures;

namespace TaskScaling.Reports.Ladder;

/// <summary>Which step's figures <see cref="LadderPlots.Write"/> draws.</summary>
public enum LadderPlotView { Step1, Step2, Chained }

/// <summary>
/// The figures of one ladder command (`ladder step1|step2|predict --plot DIR`) without the HTML page: PNG and
/// SVG per target and task (step 1: against compute and against tokens; step 2; chained: one per target).
/// </summary>
public static class LadderPlots
{
    /// <summary>Draws the view's figures of <paramref name="prediction"/> (from its fits and prepared points) into <paramref name="dir"/>.</summary>
    /// <returns>The file stems written (each as .png and .svg).</returns>
    public static IReadOnlyList<string> Write(LadderPrediction prediction, LadderPlotView view, string dir, bool force = false)
    {
        ReportFolder.Check(dir, force);
        var set = LadderFigureAdapter.Build(prediction);
        var contents = new LadderReport.Contents(set, null, null, [], new Dictionary<string, string>());
        var suffix = view switch
        {
            LadderPlotView.Step1 => new[] { "-step1-compute", "-step1-tokens" },
            LadderPlotView.Step2 => ["-step2"],
            _ => ["-chained"],
        };
        var figures = LadderReport.Figures(contents).Where(f => suffix.Any(s => f.Name.EndsWith(s, StringComparison.Ordinal))).ToArray();
        var rendered = new RenderedFigure[figures.Length];
        Parallel.For(0, figures.Length, i => rendered[i] = FigureRenderer.Render(figures[i].Plot(), figures[i].Name));
        // report.json holds only the marker (no numbers: those are the command's output), so --force may replace the folder later.
        var marker = JsonSerializer.Serialize(new
        {
            tool = ReportMarker.Tool, version = ReportsAssembly.Version, kind = ReportMarker.LadderPlots, files = ReportMarker.Files(rendered),
        }, JsonConventions.Indented);
        ReportFolder.Write(dir, force, d =>
        {
            foreach (var r in rendered) r.WriteTo(d);
            File.WriteAllText(Path.Combine(d, ReportMarker.FileName), marker + "\n", new UTF8Encoding(false));
        });
        return rendered.Select(r => r.Name).ToArray();
    }
}
