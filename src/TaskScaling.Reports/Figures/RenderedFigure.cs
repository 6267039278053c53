namespace TaskScaling.Reports.Figures;

/// <summary>A figure rendered to PNG bytes and SVG text, with the file stem it is saved under.</summary>
public sealed record RenderedFigure(string Name, byte[] Png, string Svg, int Width, int Height)
{
    public string PngFile => Name + ".png";
    public string SvgFile => Name + ".svg";

    /// <summary>Writes NAME.png and NAME.svg into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder)
    {
        File.WriteAllBytes(Path.Combine(folder, PngFile), Png);
        File.WriteAllText(Path.Combine(folder, SvgFile), Svg);
    }
}
