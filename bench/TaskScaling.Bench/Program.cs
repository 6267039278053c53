using BenchmarkDotNet.Running;
using TaskScaling.Bench;

// Run all: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*'
// A ladder of N runs for the whole-process scale table (bench/scale.sh): ... -- scale-ladder N DIR
if (args is ["scale-ladder", var n, var dir])
{
    ScaleLadder.Write(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), dir);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
