using Microsoft.Playwright;

namespace TaskScaling.Tests.Reports;

/// <summary>What headless Chromium saw when it opened a page.</summary>
public sealed record PageReport(
    IReadOnlyList<string> ConsoleErrors,
    IReadOnlyList<string> NonFileRequests,
    IReadOnlyList<(string Source, double Width, double Height)> Images,
    IReadOnlyDictionary<string, double> Values);

/// <summary>
/// Opens a local page in Debian's Chromium through Playwright .NET (pointed at /usr/bin/chromium; no
/// `playwright install`), and reports console errors, requests that left the file system, every image's
/// natural size once loaded, and the numbers of every element with data-key/data-value.
/// </summary>
public static class BrowserPage
{
    public const string Chromium = "/usr/bin/chromium";

    public static bool Available => File.Exists(Chromium);

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<PageReport> OpenAsync(string htmlFile)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = Args,
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var remote = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        page.RequestFailed += (_, r) => { lock (errors) errors.Add($"request failed: {r.Url}"); };
        page.Request += (_, r) => { if (!r.Url.StartsWith("file://", StringComparison.Ordinal)) lock (remote) remote.Add(r.Url); };
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var images = Parse<ImageInfo[]>(await page.EvaluateAsync<string>(
            "() => JSON.stringify(Array.from(document.images).map(i => ({ source: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth, height: i.naturalHeight })))"));
        var values = Parse<KeyValue[]>(await page.EvaluateAsync<string>(
            "() => JSON.stringify(Array.from(document.querySelectorAll('[data-key][data-value]')).map(e => ({ key: e.dataset.key, value: e.dataset.value })))"));
        var dict = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kv in values) dict[kv.Key] = double.Parse(kv.Value, System.Globalization.CultureInfo.InvariantCulture);
        return new PageReport(errors, remote,
            images.Select(i => (i.Source ?? "", i.Complete ? i.Width : 0, i.Complete ? i.Height : 0)).ToArray(), dict);
    }

    private static T Parse<T>(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

    private sealed record ImageInfo(string? Source, bool Complete, double Width, double Height);

    private sealed record KeyValue(string Key, string Value);
}
