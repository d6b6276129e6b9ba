using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Values;

public class ThresholdTests
{
    [Fact]
    public void Constructor_AboveIsBadWithCriticalBelowWarning_ThrowsNamingBothLevels()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new Threshold(500, 200, ThresholdDirection.AboveIsBad, "ms"));

        Assert.Contains("critical (200) must be at or above warning (500)", ex.Message);
    }

    [Fact]
    public void Constructor_BelowIsBadWithCriticalAboveWarning_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new Threshold(95, 98, ThresholdDirection.BelowIsBad, "%"));

        Assert.Contains("must be at or below warning", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.PositiveInfinity)]
    public void Constructor_NonFiniteLevel_Throws(double warning, double critical)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new Threshold(warning, critical, ThresholdDirection.AboveIsBad, "%"));
        Assert.Contains("finite", ex.Message);
    }

    [Fact]
    public void Constructor_EmptyUnit_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new Threshold(1, 2, ThresholdDirection.AboveIsBad, " "));
        Assert.Contains("unit", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Constructor_NonPositiveSustainedWindow_Throws(int seconds)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new Threshold(1, 2, ThresholdDirection.AboveIsBad, "%", TimeSpan.FromSeconds(seconds)));
        Assert.Contains("sustained-for", ex.Message);
    }

    [Fact]
    public void Constructor_UnknownDirection_Throws()
    {
        Assert.Throws<DomainValidationException>(
            () => new Threshold(1, 2, (ThresholdDirection)7, "%"));
    }

    [Fact]
    public void Constructor_EqualLevels_IsAllowedAndGoesStraightToCritical()
    {
        var threshold = new Threshold(5, 5, ThresholdDirection.AboveIsBad, "%");

        Assert.Equal(ThresholdBreach.None, threshold.Classify(5));
        Assert.Equal(ThresholdBreach.Critical, threshold.Classify(5.01));
    }

    [Theory]
    [InlineData(199.99, ThresholdBreach.None)]
    [InlineData(200, ThresholdBreach.None)]
    [InlineData(200.01, ThresholdBreach.Warning)]
    [InlineData(500, ThresholdBreach.Warning)]
    [InlineData(500.01, ThresholdBreach.Critical)]
    public void Classify_AboveIsBad_IsStrict(double value, ThresholdBreach expected)
    {
        var threshold = new Threshold(200, 500, ThresholdDirection.AboveIsBad, "ms");

        Assert.Equal(expected, threshold.Classify(value));
    }

    [Theory]
    [InlineData(100, ThresholdBreach.None)]
    [InlineData(99.9, ThresholdBreach.None)]
    [InlineData(99.89, ThresholdBreach.Warning)]
    [InlineData(99.5, ThresholdBreach.Warning)]
    [InlineData(99.49, ThresholdBreach.Critical)]
    public void Classify_BelowIsBad_IsStrict(double value, ThresholdBreach expected)
    {
        var threshold = new Threshold(99.9, 99.5, ThresholdDirection.BelowIsBad, "%");

        Assert.Equal(expected, threshold.Classify(value));
    }

    [Fact]
    public void Classify_NaN_Throws()
    {
        var threshold = new Threshold(1, 2, ThresholdDirection.AboveIsBad, "%");
        Assert.Throws<DomainValidationException>(() => threshold.Classify(double.NaN));
    }
}
