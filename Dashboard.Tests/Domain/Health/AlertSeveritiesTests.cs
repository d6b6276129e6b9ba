using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Health;

public class AlertSeveritiesTests
{
    [Theory]
    [InlineData("critical", AlertSeverity.Critical)]
    [InlineData("Page", AlertSeverity.Critical)]
    [InlineData("error", AlertSeverity.Critical)]
    [InlineData("warning", AlertSeverity.Warning)]
    [InlineData(" WARN ", AlertSeverity.Warning)]
    [InlineData("ticket", AlertSeverity.Warning)]
    [InlineData("info", AlertSeverity.Info)]
    [InlineData("", AlertSeverity.Info)]
    [InlineData(null, AlertSeverity.Info)]
    public void FromLabel_Conventions(string? label, AlertSeverity expected)
    {
        Assert.Equal(expected, AlertSeverities.FromLabel(label));
    }

    [Fact]
    public void FromLabel_None_IsAWatchdogNotAnAlertToTriage()
    {
        Assert.Null(AlertSeverities.FromLabel("none"));
    }

    [Fact]
    public void FromLevel_MapsWarningAndCritical_RejectsNone()
    {
        Assert.Equal(AlertSeverity.Warning, AlertSeverities.FromLevel(ThresholdBreach.Warning));
        Assert.Equal(AlertSeverity.Critical, AlertSeverities.FromLevel(ThresholdBreach.Critical));
        Assert.Throws<DomainValidationException>(() => AlertSeverities.FromLevel(ThresholdBreach.None));
    }
}
