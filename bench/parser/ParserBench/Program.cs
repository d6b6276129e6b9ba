using BenchmarkDotNet.Running;

BenchmarkRunner.Run<Dashboard.Bench.Parser.ExpositionParsing>(args: args);
