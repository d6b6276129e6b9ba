using BenchmarkDotNet.Attributes;
using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Bench.Parser;

/// <summary>
/// Parsing real node_exporter output (bench/parser/data/node_exporter.prom): a fresh parser per
/// scrape, and one parser reused across scrapes of the same target (what ingestion does).
/// </summary>
[MemoryDiagnoser]
public class ExpositionParsing
{
    private byte[] body = [];
    private readonly ExpositionParser reused = new();

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("EXPOSITION_FILE")
            ?? Path.Combine(FindBenchDir(), "data", "node_exporter.prom");
        body = File.ReadAllBytes(path);
        var result = new ExpositionParser().Check(body, ExpositionFormat.PrometheusText);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", result.Problems));
        }
        Console.WriteLine($"// {path}: {body.Length} bytes, {result.Families.Count} families, {result.SampleCount} samples");
        reused.Parse(body, ExpositionFormat.PrometheusText);
    }

    [Benchmark(Baseline = true)]
    public int FreshParser() => new ExpositionParser().Parse(body, ExpositionFormat.PrometheusText).Count;

    [Benchmark]
    public int ReusedParser() => reused.Parse(body, ExpositionFormat.PrometheusText).Count;

    private static string FindBenchDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "data")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("bench/parser/data not found");
    }
}
