using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/TaskScaling.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
