using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace TaskScaling.Reports.Figures;

/// <summary>
/// Headless, deterministic rendering: the same plot gives the same PNG bytes and the same SVG text. ScottPlot
/// numbers SVG clip paths with a process-wide counter, so the ids are renamed per figure (prefixed with the
/// figure's name, which also keeps them unique when several SVGs sit in one page).
/// </summary>
public static partial class FigureRenderer
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 520;

    /// <summary>A new plot with the house style: DejaVu Sans everywhere, white background, light grid.</summary>
    public static Plot NewPlot()
    {
        FigureFonts.Ensure();
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Legend.FontName = FigureFonts.Family;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Axes.Title.Label.FontSize = 16;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = 14;
            axis.TickLabelStyle.FontSize = 12;
        }
        plot.Legend.FontSize = 12;
        return plot;
    }

    public static RenderedFigure Render(Plot plot, string name, int width = DefaultWidth, int height = DefaultHeight)
    {
        // Fonts once more, right before rendering: plottables added later carry their own label styles.
        plot.Font.Set(FigureFonts.Family);
        var png = Png(plot, width, height);
        SolidLinesForSvg(plot);
        var svg = NormaliseSvg(plot.GetSvgXml(width, height), name);
        return new RenderedFigure(name, png, svg, width, height);
    }

    /// <summary>
    /// Skia's SVG backend cannot draw dash patterns: it draws such lines solid and writes "Unsupported path effect"
    /// to stderr. Lines are made solid before the SVG is drawn, so the SVG says what it shows and nothing is printed;
    /// the PNG (drawn first, and shown on the HTML page) keeps the dashes.
    /// </summary>
    private static void SolidLinesForSvg(Plot plot)
    {
        foreach (var p in plot.GetPlottables())
        {
            if (p is ScottPlot.Plottables.Scatter s) s.LinePattern = LinePattern.Solid;
            else if (p is ScottPlot.Plottables.AxisLine a) a.LinePattern = LinePattern.Solid;
        }
    }

    /// <summary>
    /// PNG with fast settings (Sub filter, zlib level 1): ~10× faster to encode than the default for ~25% larger
    /// files; the bytes are still a pure function of the plot.
    /// </summary>
    private static byte[] Png(Plot plot, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        plot.Render(surface);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("PNG encoding failed");
        return data.ToArray();
    }

    /// <summary>Renames ScottPlot's process-global clip-path ids (cl_2c, …) to NAME-clip0, NAME-clip1, … in order of appearance.</summary>
    internal static string NormaliseSvg(string svg, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = Regex.Replace(name, "[^A-Za-z0-9_-]", "-");
        return ClipId().Replace(svg, m =>
        {
            var id = m.Groups["id"].Value;
            if (!map.TryGetValue(id, out var renamed)) map[id] = renamed = $"{prefix}-clip{map.Count}";
            return m.Value.Replace(id, renamed, StringComparison.Ordinal);
        });
    }

    [GeneratedRegex("(?:id=\"|url\\(#)(?<id>cl_[0-9a-zA-Z]+)")]
    private static partial Regex ClipId();
}
