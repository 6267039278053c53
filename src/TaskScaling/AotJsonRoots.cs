using System.Text.Json.Serialization;
using TaskScaling.Ladder;
using TaskScaling.Ladder.Backtest;
using TaskScaling.Numerics.Nist;
using TaskScaling.Skills;
using TaskScaling.Skills.Downstream;
using TaskScaling.Skills.TestTime;

namespace TaskScaling;

/// <summary>
/// The JSON metadata of the types written and read (outputs, saved fits, ladder descriptions), source-generated for
/// a Native AOT build (the packed tool): there the reflection serializer cannot create converters generic over value
/// types (positional records of doubles, JsonPropertyInfo&lt;double&gt;, enums) without a JIT, so these go first
/// (<see cref="Data.JsonConventions"/>); everything reachable from the roots is covered. A JIT build does not use it.
/// test.sh compares every command's output from the packed tool with the JIT build's, byte for byte.
/// </summary>
[JsonSerializable(typeof(LadderPrediction))]
[JsonSerializable(typeof(LadderBacktestResult))]
[JsonSerializable(typeof(VarianceReport))]
[JsonSerializable(typeof(ComputeVsErrorReport))]
[JsonSerializable(typeof(LadderDescription))]
[JsonSerializable(typeof(LadderInitResult))]
[JsonSerializable(typeof(LadderFit))]
[JsonSerializable(typeof(LadderFitPayload))]
[JsonSerializable(typeof(SkillModelPayload))]
[JsonSerializable(typeof(NistSuiteResult))]
[JsonSerializable(typeof(BacktestReport))]
[JsonSerializable(typeof(DownstreamResult))]
[JsonSerializable(typeof(IntervalEvaluationReport))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(PredictionReport))]
[JsonSerializable(typeof(TestTimeResult))]
[JsonSerializable(typeof(SkillsFitReport))]
[JsonSerializable(typeof(SkillModel))]
[JsonSerializable(typeof(SkillInterpretation))]
[JsonSerializable(typeof(LinkFunctionResult))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(double?[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(double[][]))]
[JsonSerializable(typeof(IEnumerable<double>))]
[JsonSerializable(typeof(IEnumerable<double?>))]
[JsonSerializable(typeof(IEnumerable<int>))]
[JsonSerializable(typeof(IEnumerable<bool>))]
[JsonSerializable(typeof(IReadOnlyList<double>))]
[JsonSerializable(typeof(IReadOnlyList<double?>))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(List<double>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, double?>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class AotJsonRoots : JsonSerializerContext
{
    // Runs before any serialization: at start-up in a Native AOT build (which runs every module initializer first).
    [System.Runtime.CompilerServices.ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "a no-op unless the process has no JIT, where it must precede any serialization")]
    internal static void UseInNativeAot() => Data.JsonConventions.PreferCompiledMetadata(Default);
}
