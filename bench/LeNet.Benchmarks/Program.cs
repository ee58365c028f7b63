using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/LeNet.Benchmarks -- --filter '*'   (all benchmarks; see bench/README.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
