using BenchmarkDotNet.Running;
using Dashboard.Bench.Prometheus;

BenchmarkRunner.Run<QueryRangeDecodeBenchmark>(args: args);
