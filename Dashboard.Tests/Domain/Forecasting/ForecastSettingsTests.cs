using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

public class ForecastSettingsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        var settings = ForecastSettings.Default;

        Assert.Equal(TimeSpan.FromDays(7), settings.MinimumHistory);
        Assert.Equal(0.95, settings.IntervalLevel);
        Assert.Equal(TimeSpan.FromHours(1), settings.FitResolution);
        Assert.Equal(4, settings.MaxHorizonToHistoryRatio);
    }

    [Fact]
    public void AdHoc_HasNoMinimumSpanButDemandsPointsAndSpanForTheHorizon()
    {
        var settings = ForecastSettings.AdHoc;

        Assert.Equal(TimeSpan.Zero, settings.MinimumHistory);
        Assert.True(settings.MinimumPoints >= 3);
        Assert.Equal(1, settings.MaxHorizonToHistoryRatio);
    }

    [Fact]
    public void IntervalLevel_OutOfRange_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ForecastSettings.Default with { IntervalLevel = 1 });

        Assert.Contains("interval level", ex.Message);
    }

    [Fact]
    public void MinimumPoints_BelowThree_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ForecastSettings.Default with { MinimumPoints = 2 });

        Assert.Contains("minimum points", ex.Message);
    }

    [Fact]
    public void FitResolution_Zero_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ForecastSettings.Default with { FitResolution = TimeSpan.Zero });

        Assert.Contains("fit resolution", ex.Message);
    }

    [Fact]
    public void SeasonalPeriods_NonPositivePeriod_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => ForecastSettings.Default with { SeasonalPeriods = [TimeSpan.FromDays(1), TimeSpan.Zero] });

        Assert.Contains("seasonal period", ex.Message);
    }

    [Fact]
    public void MinimumHistory_Negative_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ForecastSettings.Default with { MinimumHistory = TimeSpan.FromHours(-1) });

        Assert.Contains("minimum history", ex.Message);
    }
}
