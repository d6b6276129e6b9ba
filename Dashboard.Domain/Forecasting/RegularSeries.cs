using System.Globalization;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// A series on a regular grid: a start, a step and one value per step. NaN marks a missing step
/// (a gap is not zero). This is what the models fit.
/// </summary>
public sealed class RegularSeries
{
    private readonly double[] values;

    /// <summary>Creates a series; throws <see cref="DomainValidationException"/> when the step is not positive
    /// or a value is infinite.</summary>
    /// <param name="start">Time of the first value.</param>
    /// <param name="step">Time between values.</param>
    /// <param name="values">Values in time order; NaN for a missing step.</param>
    public RegularSeries(DateTimeOffset start, TimeSpan step, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (step <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"Series step must be greater than zero, but was {step}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new DomainValidationException($"Series value at index {i} is infinite; only finite values or NaN (missing) are allowed.");
            }
        }

        Start = start;
        Step = step;
        this.values = values;
    }

    /// <summary>Time of the first value.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Time between values.</summary>
    public TimeSpan Step { get; }

    /// <summary>Values in time order; NaN for a missing step.</summary>
    public IReadOnlyList<double> Values => values;

    /// <summary>Values as a span, for the models' inner loops.</summary>
    public ReadOnlySpan<double> Span => values;

    /// <summary>Number of steps.</summary>
    public int Count => values.Length;

    /// <summary>Time of the last value (equal to <see cref="Start"/> when empty).</summary>
    public DateTimeOffset End => Count == 0 ? Start : Start + (Step * (Count - 1));

    /// <summary>Time of the value at <paramref name="index"/>.</summary>
    /// <param name="index">A step index (may be past the end, for forecast steps).</param>
    public DateTimeOffset TimeAt(int index) => Start + (Step * index);

    /// <summary>Builds a series from raw samples (an uploaded file, a query result): validates them, takes the step
    /// (or the median spacing, rounded to whole seconds from one second up, when <paramref name="step"/> is null), places each sample on the nearest grid step and
    /// averages samples that share a step; steps without a sample are NaN (a gap, not zero).</summary>
    /// <param name="samples">Samples in strictly increasing time order, all finite, at least two.</param>
    /// <param name="step">The grid step; null to infer it as the median spacing of the samples.</param>
    /// <exception cref="DomainValidationException">Fewer than two samples, a NaN or infinite value, a timestamp that is not
    /// after the previous one (out of order or duplicate), a step that is not positive, or a grid of more than
    /// <see cref="MaximumGridLength"/> steps.</exception>
    public static RegularSeries FromSamples(IReadOnlyList<TimedValue> samples, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 2)
        {
            throw new DomainValidationException($"A series needs at least 2 samples, but got {samples.Count}.");
        }

        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (!double.IsFinite(sample.Value))
            {
                throw new DomainValidationException(
                    $"Sample {i} at {ShowTime(sample.UnixMilliseconds)} has value {Guard.Show(sample.Value)}; every value must be a finite number.");
            }

            if (i > 0 && sample.UnixMilliseconds == samples[i - 1].UnixMilliseconds)
            {
                throw new DomainValidationException(
                    $"Samples {i - 1} and {i} share the timestamp {ShowTime(sample.UnixMilliseconds)}; each timestamp may appear once.");
            }

            if (i > 0 && sample.UnixMilliseconds < samples[i - 1].UnixMilliseconds)
            {
                throw new DomainValidationException(
                    $"Timestamps must increase, but sample {i} at {ShowTime(sample.UnixMilliseconds)} comes before sample {i - 1} at {ShowTime(samples[i - 1].UnixMilliseconds)}.");
            }
        }

        var stepMs = step is { } given ? StepMilliseconds(given) : MedianSpacing(samples);
        var first = samples[0].UnixMilliseconds;
        var length = ((samples[^1].UnixMilliseconds - first + (stepMs / 2)) / stepMs) + 1;
        if (length > MaximumGridLength)
        {
            throw new DomainValidationException(
                $"Series step {TimeSpan.FromMilliseconds(stepMs)} is too small for samples spanning {TimeSpan.FromMilliseconds(samples[^1].UnixMilliseconds - first)}: the grid would have {length} steps, at most {MaximumGridLength} are allowed.");
        }

        var sums = new double[length];
        var counts = new int[length];
        foreach (var sample in samples)
        {
            var index = (sample.UnixMilliseconds - first + (stepMs / 2)) / stepMs;
            sums[index] += sample.Value;
            counts[index]++;
        }

        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i];
        }

        return new RegularSeries(DateTimeOffset.FromUnixTimeMilliseconds(first), TimeSpan.FromMilliseconds(stepMs), sums);
    }

    /// <summary>The largest grid <see cref="FromSamples"/> builds (ten million steps), so a tiny step cannot exhaust memory.</summary>
    public const long MaximumGridLength = 10_000_000;

    /// <summary>Averages the series into buckets of <paramref name="step"/>: the mean of the finite values in each
    /// bucket, NaN for a bucket without any. Buckets are aligned to whole multiples of the step in UTC (hourly buckets
    /// start on the hour), and each bucket is labelled with its start; the result is in UTC.</summary>
    /// <param name="step">The new step, at least the current one.</param>
    /// <exception cref="DomainValidationException">The step is not positive or is finer than the current step.</exception>
    public RegularSeries Downsample(TimeSpan step)
    {
        if (step <= TimeSpan.Zero || step < Step)
        {
            throw new DomainValidationException(
                $"Downsample step must be at least the series step ({Step}), but was {step}.");
        }

        var startTicks = Start.UtcTicks;
        var originTicks = startTicks - (startTicks % step.Ticks);
        var length = Count == 0 ? 0 : (int)(((startTicks + ((Count - 1) * Step.Ticks) - originTicks) / step.Ticks) + 1);
        var sums = new double[length];
        var counts = new int[length];
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                continue;
            }

            var bucket = (int)((startTicks + (i * Step.Ticks) - originTicks) / step.Ticks);
            sums[bucket] += values[i];
            counts[bucket]++;
        }

        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i];
        }

        return new RegularSeries(new DateTimeOffset(originTicks, TimeSpan.Zero), step, sums);
    }

    private static long StepMilliseconds(TimeSpan step)
    {
        var ms = (long)step.TotalMilliseconds;
        if (ms <= 0)
        {
            throw new DomainValidationException($"Series step must be at least 1 ms, but was {step}.");
        }

        return ms;
    }

    private static long MedianSpacing(IReadOnlyList<TimedValue> samples)
    {
        var gaps = new long[samples.Count - 1];
        for (var i = 1; i < samples.Count; i++)
        {
            gaps[i - 1] = samples[i].UnixMilliseconds - samples[i - 1].UnixMilliseconds;
        }

        Array.Sort(gaps);
        var median = gaps[gaps.Length / 2];

        // Scrape jitter (15.001 s) should not make a 15.001 s grid: a step of a second or more is rounded to whole seconds.
        return median >= 1000 ? (median + 500) / 1000 * 1000 : median;
    }

    private static string ShowTime(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
