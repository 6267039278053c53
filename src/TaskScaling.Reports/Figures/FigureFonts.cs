namespace TaskScaling.Reports.Figures;

/// <summary>
/// The one font every figure uses: DejaVu Sans (Debian package <c>fonts-dejavu-core</c>). Registered from its
/// file when present, so rendering does not depend on whichever font fontconfig happens to find first.
/// </summary>
public static class FigureFonts
{
    public const string Family = "DejaVu Sans";

    /// <summary>Where Debian installs the font (fonts-dejavu-core).</summary>
    public const string Folder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lazy<bool> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the DejaVu Sans files were found and registered.</summary>
    public static bool Available => Registered.Value;

    public static void Ensure() => _ = Registered.Value;

    private static bool Register()
    {
        var regular = Path.Combine(Folder, "DejaVuSans.ttf");
        var bold = Path.Combine(Folder, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular)) return false;
        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        if (File.Exists(bold)) ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        ScottPlot.Fonts.Default = Family;
        return true;
    }
}
