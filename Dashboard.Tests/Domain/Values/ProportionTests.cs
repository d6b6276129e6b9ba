using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Values;

public class ProportionTests
{
    [Theory]
    [InlineData(-0.001)]
    [InlineData(100.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Percent_OutsideZeroToHundred_Throws(double value)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Percent.Of(value));
        Assert.Contains("Percent", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99.9)]
    [InlineData(100)]
    public void Percent_InRange_RoundTripsThroughRatio(double value)
    {
        var percent = Percent.Of(value);

        Assert.Equal(value, percent.Value);
        Assert.Equal(value / 100, percent.AsRatio.Value, 12);
    }

    [Theory]
    [InlineData(-0.0001)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    public void Ratio_OutsideZeroToOne_Throws(double value)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Ratio.Of(value));
        Assert.StartsWith("Ratio must be", ex.Message);
    }

    [Fact]
    public void Ratio_Complement_IsOneMinus()
    {
        Assert.Equal(0.25, Ratio.Of(0.75).Complement.Value, 12);
        Assert.Equal(75, Ratio.Of(0.75).AsPercent.Value, 12);
    }

    [Fact]
    public void Utilisation_UsedOverCapacity_GivesPercent()
    {
        var connections = Utilisation.Of(used: 68, capacity: 100);

        Assert.Equal(0.68, connections.Ratio.Value, 12);
        Assert.Equal(68, connections.Percent.Value, 12);
    }

    [Theory]
    [InlineData(1, 0, "capacity")]
    [InlineData(1, -5, "capacity")]
    [InlineData(-1, 10, "used")]
    [InlineData(11, 10, "must not exceed capacity")]
    public void Utilisation_Nonsense_ThrowsNamingTheField(double used, double capacity, string expected)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Utilisation.Of(used, capacity));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Duration_Negative_Throws()
    {
        Assert.Throws<DomainValidationException>(() => Duration.Of(TimeSpan.FromSeconds(-1)));
        Assert.Throws<DomainValidationException>(() => Duration.FromMinutes(-0.5));
        Assert.Throws<DomainValidationException>(() => Duration.FromHours(double.NaN));
    }

    [Fact]
    public void Duration_Factories_AgreeAndAdd()
    {
        Assert.Equal(Duration.FromHours(1), Duration.FromMinutes(60));
        Assert.Equal(1.5, (Duration.FromHours(1) + Duration.FromMinutes(30)).TotalHours, 12);
        Assert.True(Duration.FromMinutes(5) > Duration.FromMinutes(4));
    }
}
