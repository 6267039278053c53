namespace TaskScaling.Reports;

/// <summary>Marker for the reports assembly (figures and HTML pages built on the library's results).</summary>
internal static class ReportsAssembly
{
    public static string Version => typeof(ReportsAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
