using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class UptimeReadingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Held_RegularSamples_EachStandsUntilTheNextAndTheLastForTheTypicalStep()
    {
        var samples = Enumerable.Range(0, 4).Select(i => (T0 + (i * FiveMinutes), 97.0 + i));

        var readings = UptimeReading.Held(samples, TimeSpan.FromHours(1));

        Assert.Equal(4, readings.Count);
        Assert.All(readings, r => Assert.Equal(FiveMinutes, r.Length));
        Assert.Equal(T0 + (3 * FiveMinutes), readings[^1].Start);
        Assert.Equal(100, readings[^1].Percent);
    }

    [Fact]
    public void Held_GapLongerThanTheHold_IsLeftUncovered()
    {
        var samples = new[] { (T0, 100.0), (T0 + TimeSpan.FromHours(3), 100.0), (T0 + TimeSpan.FromHours(3) + FiveMinutes, 100.0) };

        var readings = UptimeReading.Held(samples, FiveMinutes);

        Assert.Equal(FiveMinutes, readings[0].Length);
        Assert.Equal(T0 + FiveMinutes, readings[0].End);
    }

    [Fact]
    public void Held_UnsortedWithNaNAndOutOfRange_SortsAndSkipsThem()
    {
        var samples = new[] { (T0 + FiveMinutes, 99.0), (T0, 98.0), (T0 + (2 * FiveMinutes), double.NaN), (T0 + (3 * FiveMinutes), 120.0) };

        var readings = UptimeReading.Held(samples, FiveMinutes);

        Assert.Equal([98.0, 99.0], readings.Select(r => r.Percent).ToArray());
        Assert.Equal(T0, readings[0].Start);
    }

    [Fact]
    public void Held_NoSamples_NoReadings()
    {
        Assert.Empty(UptimeReading.Held([], FiveMinutes));
    }

    [Fact]
    public void Constructor_BadLengthOrPercent_Throws()
    {
        Assert.Throws<DomainValidationException>(() => new UptimeReading(T0, TimeSpan.Zero, 99));
        Assert.Throws<DomainValidationException>(() => new UptimeReading(T0, FiveMinutes, 100.5));
        Assert.Throws<DomainValidationException>(() => UptimeReading.Held([], TimeSpan.Zero));
    }
}
