using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Bench.Forecast;

/// <summary>
/// Throughput of the Forecaster: N synthetic series at 5-minute resolution, fitted with
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> on all cores. A plain Stopwatch run after a
/// warm-up (not BenchmarkDotNet: one long throughput pass is the measurement, not a micro-benchmark).
/// </summary>
internal static class SpeedRun
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Run(int seriesCount, int days, int horizonDays, int seed, int threads)
    {
        var points = (int)(TimeSpan.FromDays(days) / Step);
        var horizon = TimeSpan.FromDays(horizonDays);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed: {seriesCount:N0} series x {points:N0} points (5 min, {days} days), horizon {horizonDays} days, {threads} threads of {Environment.ProcessorCount} cores, seed {seed}, {ForecasterMethod.Describe()}"));
        Console.WriteLine($"load before: {LoadAverage()}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {System.Runtime.GCSettings.LatencyMode}");

        // Warm-up: JIT and tiering of the whole fitting path, on series outside the timed range.
        var warmUp = Stopwatch.StartNew();
        Parallel.For(0, Math.Min(200, seriesCount), options, () => new double[points], (i, _, buffer) =>
        {
            SyntheticSeries.Fill(seed, -1 - i, buffer, Step);
            ForecasterMethod.Fit(new RegularSeries(Start, Step, buffer), horizon);
            return buffer;
        }, _ => { });
        Console.WriteLine($"warm-up: 200 series in {warmUp.Elapsed.TotalSeconds:F1} s (untimed)");

        // Generating the data is part of the timed loop (the series are not all held in memory: 10,000 x
        // 25,920 doubles would be 2 GB), so time generation alone first and report both.
        GC.Collect();
        var generation = Stopwatch.StartNew();
        Parallel.For(0, seriesCount, options, () => new double[points], (i, _, buffer) =>
        {
            SyntheticSeries.Fill(seed, i, buffer, Step);
            return buffer;
        }, _ => { });
        var generationSeconds = generation.Elapsed.TotalSeconds;

        GC.Collect();
        var fitTicks = new long[seriesCount];
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var shapes = new SyntheticSeries.Shape[seriesCount];
        var errors = new ConcurrentQueue<string>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pauseBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Parallel.For(0, seriesCount, options, () => new double[points], (i, _, buffer) =>
        {
            shapes[i] = SyntheticSeries.Fill(seed, i, buffer, Step).Shape;
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                outcome = ForecasterMethod.Fit(new RegularSeries(Start, Step, buffer), horizon);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or IndexOutOfRangeException or Dashboard.Domain.Values.DomainValidationException)
            {
                outcome = "exception " + e.GetType().Name;
                errors.Enqueue($"series {i} ({shapes[i]}): {e.GetType().Name}: {e.Message}");
            }

            fitTicks[i] = Stopwatch.GetTimestamp() - started;
            outcomes.AddOrUpdate($"{shapes[i]}: {outcome}", 1, (_, n) => n + 1);
            return buffer;
        }, _ => { });
        var wallSeconds = wall.Elapsed.TotalSeconds;
        var process = Process.GetCurrentProcess();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;

        var fitMs = fitTicks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measure | value |
            |---|---|
            | series | {seriesCount:N0} |
            | wall, generation + fit | {wallSeconds:F1} s |
            | wall, generation alone | {generationSeconds:F1} s |
            | series/s (generation + fit) | {seriesCount / wallSeconds:F0} |
            | ms/series (wall x threads / series) | {wallSeconds * 1000 * threads / seriesCount:F2} |
            | fit only, per series: mean / p50 / p99 / max | {fitMs.Average():F2} / {Percentile(fitMs, 0.50):F2} / {Percentile(fitMs, 0.99):F2} / {fitMs[^1]:F1} ms |
            | CPU used | {cpuSeconds:F1} s ({100 * cpuSeconds / wallSeconds / Environment.ProcessorCount:F0} % of {Environment.ProcessorCount} cores) |
            | allocated | {allocated / 1e6:F0} MB ({allocated / 1024.0 / seriesCount:F0} KB/series) |
            | GC gen0/gen1/gen2, pause | {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}, {pause.TotalSeconds:F2} s |
            | peak working set (process, incl. warm-up) | {process.PeakWorkingSet64 / 1e6:F0} MB |
            """));
        Console.WriteLine();
        Console.WriteLine($"load after: {LoadAverage()}");
        Console.WriteLine($"target: all {seriesCount:N0} in under 60 s: {(wallSeconds < 60 ? "met" : "MISSED")} ({wallSeconds:F1} s including generation, about {wallSeconds - (generationSeconds):F1} s without it)");
        Console.WriteLine();
        Console.WriteLine("outcomes (shape: status / model):");
        foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {key}: {count}");
        }

        Console.WriteLine("slowest series (fit ms, shape):");
        foreach (var i in Enumerable.Range(0, seriesCount).OrderByDescending(i => fitTicks[i]).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{i}: {fitTicks[i] * 1000.0 / Stopwatch.Frequency:F1} ms, {shapes[i]}"));
        }

        foreach (var error in errors.Take(10))
        {
            Console.WriteLine($"error: {error}");
        }

        return errors.IsEmpty ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
