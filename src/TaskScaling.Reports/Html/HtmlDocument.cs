using System.Globalization;
using System.Net;
using System.Text;
using TaskScaling.Reports.Figures;

namespace TaskScaling.Reports.Html;

/// <summary>One table cell: the text shown, and optionally the exact number behind it (round-trip, in a data-value attribute).</summary>
internal readonly record struct Cell(string Text, double? Value = null, string? Key = null)
{
    public static implicit operator Cell(string text) => new(text);

    /// <summary>Trusted inner HTML (built by <see cref="Interval"/>); when set it replaces the escaped text.</summary>
    public string? Html { get; init; }

    /// <summary>An interval "[lo, hi]" whose bounds carry their exact values (data-key/data-value on two spans); "–" when unknown.</summary>
    public static Cell Interval(double? lo, double? hi, double scale, string format, string keyLower, string keyUpper)
    {
        if (lo is not { } a || hi is not { } b) return new Cell("–");
        string Span(double v, string key) => string.Create(CultureInfo.InvariantCulture,
            $"<span data-key=\"{HtmlDocument.Escape(key)}\" data-value=\"{v.ToString("R", CultureInfo.InvariantCulture)}\">{(scale * v).ToString(format, CultureInfo.InvariantCulture)}</span>");
        return new Cell("") { Html = $"[{Span(a, keyLower)}, {Span(b, keyUpper)}]" };
    }
}

/// <summary>
/// A self-contained HTML page: inline CSS, no script, no remote resource. Figures are SVG files beside the page
/// (shown with &lt;img&gt;), each with a link to its PNG twin. Numbers in tables carry their exact value in a
/// <c>data-value</c> attribute so that a reader (or a test) can check them against the JSON.
/// </summary>
internal sealed class HtmlDocument(string title)
{
    private readonly StringBuilder _body = new();
    private readonly List<string> _figures = [];

    public string Title { get; } = title;

    /// <summary>Names of the figures placed on the page, in order.</summary>
    public IReadOnlyList<string> Figures => _figures;

    public static string Escape(string s) => WebUtility.HtmlEncode(s);

    public HtmlDocument Heading(string text, int level = 2, string? id = null)
    {
        var idAttr = id is null ? "" : $" id=\"{Escape(id)}\"";
        _body.Append(CultureInfo.InvariantCulture, $"<h{level}{idAttr}>{Escape(text)}</h{level}>\n");
        return this;
    }

    public HtmlDocument Paragraph(string text, string? cssClass = null)
    {
        var cls = cssClass is null ? "" : $" class=\"{cssClass}\"";
        _body.Append(CultureInfo.InvariantCulture, $"<p{cls}>{Escape(text)}</p>\n");
        return this;
    }

    /// <summary>Trusted markup built by this assembly.</summary>
    public HtmlDocument Raw(string html)
    {
        _body.Append(html).Append('\n');
        return this;
    }

    /// <summary>
    /// A figure: the PNG beside the page (it keeps dash patterns, which Skia's SVG output cannot draw), its caption
    /// lines (escaped), and links to the PNG and the SVG.
    /// </summary>
    public HtmlDocument Figure(RenderedFigure figure, string captionTitle, IEnumerable<string> captionLines)
    {
        _figures.Add(figure.Name);
        var alt = Escape(captionTitle);
        _body.Append(CultureInfo.InvariantCulture,
            $"<figure id=\"fig-{Escape(figure.Name)}\"><img src=\"{Escape(figure.PngFile)}\" width=\"{figure.Width}\" height=\"{figure.Height}\" alt=\"{alt}\">\n");
        _body.Append(CultureInfo.InvariantCulture, $"<figcaption><b>{Escape(captionTitle)}</b>");
        foreach (var line in captionLines) _body.Append("<br>").Append(Escape(line));
        _body.Append(CultureInfo.InvariantCulture,
            $"<br><span class=\"files\">Files: <a href=\"{Escape(figure.SvgFile)}\">{Escape(figure.SvgFile)}</a>, <a href=\"{Escape(figure.PngFile)}\">{Escape(figure.PngFile)}</a></span></figcaption></figure>\n");
        return this;
    }

    public HtmlDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<Cell>> rows, string? id = null, string? caption = null)
    {
        var idAttr = id is null ? "" : $" id=\"{Escape(id)}\"";
        _body.Append(CultureInfo.InvariantCulture, $"<table{idAttr}>");
        if (caption is not null) _body.Append(CultureInfo.InvariantCulture, $"<caption>{Escape(caption)}</caption>");
        _body.Append("<thead><tr>");
        foreach (var h in header) _body.Append(CultureInfo.InvariantCulture, $"<th>{Escape(h)}</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var c in row)
            {
                var attrs = new StringBuilder();
                if (c.Key is not null) attrs.Append(CultureInfo.InvariantCulture, $" data-key=\"{Escape(c.Key)}\"");
                if (c.Value is { } v) attrs.Append(CultureInfo.InvariantCulture, $" data-value=\"{v.ToString("R", CultureInfo.InvariantCulture)}\"");
                _body.Append(CultureInfo.InvariantCulture, $"<td{attrs}>{c.Html ?? Escape(c.Text)}</td>");
            }
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>The whole page, with a footer of (label, value) pairs.</summary>
    public string ToHtml(IEnumerable<(string Label, string Value)> footer)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Escape(Title)}</title>\n<style>\n{Css}</style>\n</head>\n<body>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>{Escape(Title)}</h1>\n");
        sb.Append(_body);
        sb.Append("<footer><dl>\n");
        foreach (var (label, value) in footer)
            sb.Append(CultureInfo.InvariantCulture, $"<dt>{Escape(label)}</dt><dd>{Escape(value)}</dd>\n");
        sb.Append("</dl></footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private const string Css = """
        body { font-family: "DejaVu Sans", sans-serif; margin: 1.5em auto; max-width: 860px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
        figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-size: 0.85em; color: #333; } .files { color: #666; }
        table { border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; } th:first-child, td:first-child { text-align: left; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
        footer { margin-top: 3em; border-top: 1px solid #ccc; font-size: 0.8em; color: #555; }
        footer dt { font-weight: bold; float: left; clear: left; width: 8em; } footer dd { margin-left: 9em; }
        .note { color: #555; font-size: 0.9em; }

        """;
}
