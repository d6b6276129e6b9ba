using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Forecasting;

/// <summary>One series loaded into the parity Prometheus, as <c>parity_sample{series="Name"}</c>.</summary>
internal sealed record ParitySeries(string Name, IReadOnlyList<TimedValue> Samples);

/// <summary>
/// The samples, evaluation times, ranges and horizons the parity test asks Prometheus about. Two hours of data
/// from 2023-11-14T22:13:20Z (Prometheus keeps it: the test starts it with 100 years of retention). Noise comes from
/// fixed seeds, so every run loads the same numbers.
/// </summary>
internal static class ParityData
{
    public const string Metric = "parity_sample";
    public const long T0 = 1_700_000_000_000;
    private const long Hour = 3_600_000;

    /// <summary>Holds three values near <see cref="double.MaxValue"/> just before this evaluation time.</summary>
    public const long OverflowAt = T0 + (2 * Hour) + 100_000;

    public static readonly IReadOnlyList<ParitySeries> Series =
    [
        // Exact 60 s steps on an exact line: also pins the range boundaries (samples sit exactly on them).
        new("clean_line", Steps(T0, 60_000, 121, (_, ms) => 250 + (0.125 * Seconds(ms)))),
        new("noisy_line", Jittered(seed: 42, stepMs: 15_000, (r, ms) => 40 + (0.003 * Seconds(ms)) + (2 * Gaussian(r)))),
        new("constant", Jittered(seed: 3, stepMs: 15_000, (_, _) => 123.456)),
        // Large enough that, without the constant shortcut, rounding noise shows as a slope far above 1e-9.
        new("constant_large", Jittered(seed: 4, stepMs: 15_000, (_, _) => 123_456_789_012.345)),
        new("constant_inf", Steps(T0, 30_000, 241, (_, _) => double.PositiveInfinity)),
        // A disk: 1.2 TB growing 5.5 MB/s, whole bytes, 10 s scrapes ±0.5 s.
        new("bytes", Jittered(seed: 5, stepMs: 10_000, (r, ms) => Math.Round(1.2e12 + (5.5e6 * Seconds(ms)) + (1e7 * Gaussian(r))), jitterMs: 500)),
        // A small trend on 1e15: plain running sums lose the low bits (spacing of doubles near 1e17 is 16).
        new("offset_1e15", Jittered(seed: 9, stepMs: 15_000, (r, ms) => 1e15 + (0.25 * Math.Round(Seconds(ms) / 15)) + (0.125 * r.Next(-1, 2)))),
        // Huge alternating values whose sums cancel, plus a small drift.
        new("alternating_1e16", Steps(T0, 15_000, 481, (i, ms) => (i % 2 == 0 ? 1e16 : -1e16) + (3 * Seconds(ms)))),
        new("inf_spike", Steps(T0, 15_000, 481, (i, ms) => i == 300 ? double.PositiveInfinity : 10 - (0.01 * Seconds(ms)))),
        new("all_nan", Steps(T0 + Hour, 10_000, 31, (_, _) => double.NaN)),
        // Twenty minutes apart: a 5 m window holds at most one sample, and Prometheus then answers nothing.
        new("sparse", Steps(T0 + 7_000, 1_200_000, 7, (i, _) => 1000 + (17.5 * i * i))),
        // Σy overflows to +Inf while Σxy stays finite: 2.42 answers NaN (later versions answer +Inf).
        new("overflow", [new(OverflowAt - 500, 1e308), new(OverflowAt - 250, 1.1e308), new(OverflowAt, 1.2e308)]),
    ];

    public static readonly IReadOnlyList<long> EvaluationTimes =
    [
        T0 + 1_800_000,
        T0 + Hour,                        // exactly on a clean_line sample; with the 1 h range, the left edge is T0
        T0 + Hour + 300_000,              // the 5 m range starts exactly on a clean_line sample
        T0 + 5_432_109,
        T0 + (2 * Hour),                  // clean_line's last sample
        T0 + (2 * Hour) + 1_000,
        T0 + (2 * Hour) + 299_999,        // the 5 m range holds only the last clean_line sample
        OverflowAt,
    ];

    public static readonly IReadOnlyList<int> RangeSeconds = [300, 3600, 7200];

    public static readonly IReadOnlyList<double> SecondsAhead = [0, 600, 7 * 86_400, -1800.5];

    /// <summary>The samples a 2.42 range selector <c>[rangeSeconds]</c> picks at <paramref name="evaluationUnixMilliseconds"/>:
    /// both edges included, [t − range, t] (Prometheus 3 made the left edge open).</summary>
    public static TimedValue[] Window(ParitySeries series, long evaluationUnixMilliseconds, int rangeSeconds) =>
        [.. series.Samples.Where(s => s.UnixMilliseconds >= evaluationUnixMilliseconds - (rangeSeconds * 1000L)
                                   && s.UnixMilliseconds <= evaluationUnixMilliseconds)];

    /// <summary>The PromQL selector for one series, e.g. <c>parity_sample{series="bytes"}[300s]</c>.</summary>
    public static string Selector(string name, int rangeSeconds) => $"{Metric}{{series=\"{name}\"}}[{rangeSeconds}s]";

    public static ParitySeries Find(string name) => Series.Single(s => s.Name == name);

    private static double Seconds(long ms) => (ms - T0) / 1000.0;

    private static TimedValue[] Steps(long start, long stepMs, int count, Func<int, long, double> value) =>
        [.. Enumerable.Range(0, count).Select(i => new TimedValue(start + (i * stepMs), value(i, start + (i * stepMs))))];

    /// <summary>Two hours at about <paramref name="stepMs"/>, each time moved by up to ±<paramref name="jitterMs"/> (or 0..999 ms).</summary>
    private static TimedValue[] Jittered(int seed, long stepMs, Func<Random, long, double> value, int jitterMs = -1)
    {
        var random = new Random(seed);
        var samples = new List<TimedValue>();
        for (var nominal = T0 + stepMs; nominal <= T0 + (2 * Hour); nominal += stepMs)
        {
            var ms = nominal + (jitterMs < 0 ? random.Next(1000) : random.Next(-jitterMs, jitterMs + 1));
            samples.Add(new TimedValue(ms, value(random, ms)));
        }
        return [.. samples];
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
