using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

public class RegularSeriesTests
{
    private static readonly long T0 = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void FromSamples_OneSample_ThrowsNamingTheCount()
    {
        var ex = Assert.Throws<DomainValidationException>(() => RegularSeries.FromSamples([new TimedValue(T0, 1)]));

        Assert.Contains("at least 2 samples, but got 1", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void FromSamples_NonFiniteValue_ThrowsNamingIndexAndTimestamp(double bad, string shown)
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 60_000, 2), new(T0 + 120_000, bad)];

        var ex = Assert.Throws<DomainValidationException>(() => RegularSeries.FromSamples(samples));

        Assert.Contains("Sample 2 at 2024-03-01 00:02:00Z", ex.Message);
        Assert.Contains(shown, ex.Message);
    }

    [Fact]
    public void FromSamples_TimestampGoingBack_ThrowsNamingIndex()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 120_000, 2), new(T0 + 60_000, 3)];

        var ex = Assert.Throws<DomainValidationException>(() => RegularSeries.FromSamples(samples));

        Assert.Contains("sample 2 at 2024-03-01 00:01:00Z comes before sample 1 at 2024-03-01 00:02:00Z", ex.Message);
    }

    [Fact]
    public void FromSamples_DuplicateTimestamp_ThrowsNamingTheTimestamp()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 60_000, 2), new(T0 + 60_000, 3)];

        var ex = Assert.Throws<DomainValidationException>(() => RegularSeries.FromSamples(samples));

        Assert.Contains("Samples 1 and 2 share the timestamp 2024-03-01 00:01:00Z", ex.Message);
    }

    [Fact]
    public void FromSamples_NoStep_InfersMedianSpacingAndLeavesGapsNaN()
    {
        // One-minute samples with the 00:03 sample missing and one slightly late sample.
        TimedValue[] samples = [new(T0, 1), new(T0 + 60_000, 2), new(T0 + 120_000, 3), new(T0 + 245_000, 5), new(T0 + 300_000, 6)];

        var series = RegularSeries.FromSamples(samples);

        Assert.Equal(TimeSpan.FromMinutes(1), series.Step);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(T0), series.Start);
        Assert.Equal(6, series.Count);
        Assert.Equal(3, series.Values[2]);
        Assert.True(double.IsNaN(series.Values[3]));
        Assert.Equal(5, series.Values[4]);
    }

    [Fact]
    public void FromSamples_JitteredScrapes_InferWholeSecondStep()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 15_001, 2), new(T0 + 30_003, 3), new(T0 + 44_999, 4)];

        var series = RegularSeries.FromSamples(samples);

        Assert.Equal(TimeSpan.FromSeconds(15), series.Step);
        Assert.Equal([1.0, 2, 3, 4], series.Values);
    }

    [Fact]
    public void FromSamples_GivenCoarserStep_AveragesSamplesSharingAStep()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 60_000, 3), new(T0 + 600_000, 10)];

        var series = RegularSeries.FromSamples(samples, TimeSpan.FromMinutes(10));

        Assert.Equal(2, series.Count);
        Assert.Equal(2, series.Values[0]);
        Assert.Equal(10, series.Values[1]);
    }

    [Fact]
    public void FromSamples_StepTooSmallForTheSpan_Throws()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + (365L * 24 * 3_600_000), 2)];

        var ex = Assert.Throws<DomainValidationException>(() => RegularSeries.FromSamples(samples, TimeSpan.FromMilliseconds(1)));

        Assert.Contains("too small", ex.Message);
    }

    [Fact]
    public void Downsample_FiveMinutesToHour_MeansPerBucketAlignedOnTheHour()
    {
        // Starts at 00:30, so the first hourly bucket (00:00) holds six values and the second twelve.
        var start = new DateTimeOffset(2024, 3, 1, 0, 30, 0, TimeSpan.Zero);
        var values = Enumerable.Range(0, 18).Select(i => (double)i).ToArray();
        var series = new RegularSeries(start, TimeSpan.FromMinutes(5), values);

        var hourly = series.Downsample(TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), hourly.Start);
        Assert.Equal(2, hourly.Count);
        Assert.Equal(2.5, hourly.Values[0]);
        Assert.Equal(11.5, hourly.Values[1]);
    }

    [Fact]
    public void Downsample_GapsAreSkippedAndEmptyBucketsStayNaN()
    {
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        double[] values = [1, double.NaN, 3, double.NaN, double.NaN, double.NaN, 7, 8];
        var series = new RegularSeries(start, TimeSpan.FromMinutes(30), values);

        var hourly = series.Downsample(TimeSpan.FromHours(1));

        Assert.Equal(1, hourly.Values[0]);
        Assert.Equal(3, hourly.Values[1]);
        Assert.True(double.IsNaN(hourly.Values[2]));
        Assert.Equal(7.5, hourly.Values[3]);
    }

    [Fact]
    public void Downsample_FinerStep_Throws()
    {
        var series = new RegularSeries(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1), [1, 2]);

        var ex = Assert.Throws<DomainValidationException>(() => series.Downsample(TimeSpan.FromMinutes(5)));

        Assert.Contains("Downsample step", ex.Message);
    }
}
