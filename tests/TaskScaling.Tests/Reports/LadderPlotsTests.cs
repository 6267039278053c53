using TaskScaling.Ladder;
using TaskScaling.Reports.Ladder;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Reports;

/// <summary>The one-call entry point behind `ladder step1|step2|predict --plot DIR`.</summary>
public sealed class LadderPlotsTests
{
    [Fact]
    public void Each_view_writes_just_its_figures()
    {
        var d = PaperLadder.Create(DataLocation.Resolve());
        var request = new LadderPredictionRequest { Targets = ["13B-5T"], Tasks = ["piqa", "mmlu"] };
        var prediction = LadderPredictor.Predict(d, request);
        var root = Directory.CreateTempSubdirectory("ladder-plots-").FullName;
        try
        {
            var cases = new (LadderPlotView View, string[] Names)[]
            {
                (LadderPlotView.Step1, ["13B-5T-piqa-step1-compute", "13B-5T-piqa-step1-tokens", "13B-5T-mmlu-step1-compute", "13B-5T-mmlu-step1-tokens"]),
                (LadderPlotView.Step2, ["13B-5T-piqa-step2", "13B-5T-mmlu-step2"]),
                (LadderPlotView.Chained, ["13B-5T-chained"]),
            };
            foreach (var (view, names) in cases)
            {
                var dir = Path.Combine(root, view.ToString());
                var written = LadderPlots.Write(prediction, view, dir);
                Assert.Equal(names.Order(), written.Order());
                Assert.Equal(names.SelectMany(n => new[] { n + ".png", n + ".svg" }).Append("report.json").Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Order());
            }
            Assert.Throws<InvalidRequestException>(() => LadderPlots.Write(prediction, LadderPlotView.Step2, Path.Combine(root, "Step1")));
            // The marker makes an earlier plots folder replaceable with force.
            LadderPlots.Write(prediction, LadderPlotView.Step2, Path.Combine(root, "Step1"), force: true);
            Assert.Equal(new[] { "13B-5T-mmlu-step2.png", "13B-5T-mmlu-step2.svg", "13B-5T-piqa-step2.png", "13B-5T-piqa-step2.svg", "report.json" },
                Directory.GetFiles(Path.Combine(root, "Step1")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally { Directory.Delete(root, true); }
    }
}
