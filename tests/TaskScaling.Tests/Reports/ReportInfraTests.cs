using System.Text;
using TaskScaling.Reports;
using TaskScaling.Reports.Figures;
using TaskScaling.Reports.Html;

namespace TaskScaling.Tests.Reports;

public sealed class ReportInfraTests
{
    private static RenderedFigure Trivial(string name)
    {
        var plot = FigureRenderer.NewPlot();
        var s = plot.Add.ScatterPoints(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 });
        s.LegendText = "points";
        plot.XLabel("x (units)");
        plot.YLabel("y (units)");
        return FigureRenderer.Render(plot, name);
    }

    [Fact]
    public void Rendering_is_deterministic_and_files_are_valid()
    {
        var a = Trivial("trivial");
        _ = Trivial("other"); // advances ScottPlot's global clip-path counter
        var b = Trivial("trivial");
        Assert.Equal(a.Png, b.Png);
        Assert.Equal(a.Svg, b.Svg);
        Assert.True(a.Png.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, a.Png[..4]);
        var doc = System.Xml.Linq.XDocument.Parse(a.Svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains("font-family=\"DejaVu Sans\"", a.Svg);
        Assert.DoesNotContain("cl_", a.Svg);
        Assert.True(FigureFonts.Available, "DejaVu Sans (fonts-dejavu-core) must be installed");
    }

    [Fact]
    public async Task Browser_opens_a_trivial_page()
    {
        Assert.True(BrowserPage.Available, $"{BrowserPage.Chromium} is needed (Debian package chromium)");
        var root = Directory.CreateTempSubdirectory("reports-page-").FullName;
        try
        {
            var dir = Path.Combine(root, "page");
            var fig = Trivial("trivial");
            ReportFolder.Write(dir, false, d =>
            {
                fig.WriteTo(d);
                var doc = new HtmlDocument("Trivial");
                doc.Figure(fig, "A trivial figure", ["three points"]);
                doc.Table(["name", "value"], [[new Cell("x"), new Cell("0.50", 0.5, "x")]]);
                File.WriteAllText(Path.Combine(d, "index.html"), doc.ToHtml([("tool", "test")]), Encoding.UTF8);
            });
            var report = await BrowserPage.OpenAsync(Path.Combine(dir, "index.html"));
            Assert.Empty(report.ConsoleErrors);
            Assert.Empty(report.NonFileRequests);
            var img = Assert.Single(report.Images);
            Assert.Equal("trivial.png", img.Source);
            Assert.Equal(fig.Width, img.Width);
            Assert.Equal(0.5, report.Values["x"]);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
