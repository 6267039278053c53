using System.Text.Json.Serialization;
using TaskScaling.Ladder.Backtest;
using TaskScaling.Reports.Ladder;
using TaskScaling.Reports.Skills;
using TaskScaling.Skills;

namespace TaskScaling.Reports;

/// <summary>
/// The JSON metadata of what report.json holds, source-generated for a Native AOT build (see the methods'
/// <c>AotJsonRoots</c>, which explains why); a JIT build does not use it.
/// </summary>
[JsonSerializable(typeof(LadderFigureSet))]
[JsonSerializable(typeof(BacktestBand))]
[JsonSerializable(typeof(IReadOnlyList<BacktestBand>))]
[JsonSerializable(typeof(HeatmapData))]
[JsonSerializable(typeof(LinkFunctionFits))]
[JsonSerializable(typeof(IReadOnlyList<LinkFunctionCurves>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(double[][]))]
internal sealed partial class ReportsJsonRoots : JsonSerializerContext
{
    // Runs at start-up in a Native AOT build (which runs every module initializer first); a no-op with a JIT.
    [System.Runtime.CompilerServices.ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "a no-op unless the process has no JIT, where it must precede any serialization")]
    internal static void UseInNativeAot() => Data.JsonConventions.PreferCompiledMetadata(Default);
}
