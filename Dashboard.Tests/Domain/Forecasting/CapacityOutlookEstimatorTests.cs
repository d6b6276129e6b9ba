using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

public class CapacityOutlookEstimatorTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Threshold DiskUsed = new(80, 90, ThresholdDirection.AboveIsBad, "%");
    private static readonly Threshold FreePercent = new(20, 10, ThresholdDirection.BelowIsBad, "%");

    [Fact]
    public void Estimate_CurrentPastBothLevels_IsAlreadyPast()
    {
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 91, perHour: 1), DiskUsed, 91);

        Assert.Equal(CrossingKind.AlreadyPast, outlook.Warning.Kind);
        Assert.Equal(CrossingKind.AlreadyPast, outlook.Critical.Kind);
        Assert.False(outlook.Critical.Actionable);
    }

    [Fact]
    public void Estimate_CurrentExactlyAtLevel_IsNotPast()
    {
        // Strict, as Threshold.Classify: exactly 80 is fine.
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 81, perHour: 1), DiskUsed, 80);

        Assert.Equal(CrossingKind.Expected, outlook.Warning.Kind);
        Assert.Equal(Now.AddHours(1), outlook.Warning.Expected);
    }

    [Fact]
    public void Estimate_ForecastExactlyAtLevel_CrossesOnlyAtTheNextStep()
    {
        // Points: 78, 79, 80, 81 …; 80 is not past 80, 81 is.
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 78, perHour: 1), DiskUsed, 77);

        Assert.Equal(Now.AddHours(4), outlook.Warning.Expected);
    }

    [Fact]
    public void Estimate_RisingForecast_GivesExpectedWithEarliestAndLatestAroundIt()
    {
        // Hour h expects 60 + h, interval ±5: the point forecast is past 80 at hour 21, the high edge at 16, the low edge at 26.
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 61, perHour: 1, halfWidth: 5), DiskUsed, 60);

        var warning = outlook.Warning;
        Assert.Equal(CrossingKind.Expected, warning.Kind);
        Assert.Equal(80, warning.Level);
        Assert.Equal(Now.AddHours(21), warning.Expected);
        Assert.Equal(Now.AddHours(16), warning.Earliest);
        Assert.Equal(Now.AddHours(26), warning.Latest);
        Assert.True(warning.Earliest <= warning.Expected && warning.Expected <= warning.Latest);
        Assert.True(warning.Actionable);
        Assert.Equal(CrossingKind.Expected, outlook.Critical.Kind);
    }

    [Fact]
    public void Estimate_OptimisticEdgeNeverCrosses_LatestIsNull()
    {
        // Low edge would pass 80 only at hour 26, after the 24-hour horizon.
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 61, perHour: 1, halfWidth: 5, hours: 24), DiskUsed, 60);

        Assert.Equal(CrossingKind.Expected, outlook.Warning.Kind);
        Assert.Equal(Now.AddHours(16), outlook.Warning.Earliest);
        Assert.Null(outlook.Warning.Latest);
    }

    [Fact]
    public void Estimate_ForecastStaysBelow_IsNotWithinHorizon()
    {
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 41, perHour: 0.5, hours: 24), DiskUsed, 40);

        Assert.Equal(CrossingKind.NotWithinHorizon, outlook.Warning.Kind);
        Assert.Null(outlook.Warning.Expected);
        Assert.False(outlook.Warning.Actionable);
    }

    [Fact]
    public void Estimate_NoTrendVerdict_IsNoTrendEvenIfThePointsWouldCross()
    {
        var forecast = Rising(start: 61, perHour: 1) with { Trend = TrendVerdict.NoTrend };

        var outlook = CapacityOutlookEstimator.Estimate(forecast, DiskUsed, 60);

        Assert.Equal(CrossingKind.NoTrend, outlook.Warning.Kind);
        Assert.Null(outlook.Warning.Expected);
    }

    [Fact]
    public void Estimate_InsufficientHistory_IsInsufficientHistory()
    {
        var forecast = new ForecastResult(
            ForecastStatus.InsufficientHistory, "needs at least 7 days of history, has 1 day", TimeSpan.FromDays(1), TimeSpan.FromDays(7),
            null, [], 0.95, null, TrendVerdict.NoTrend);

        var outlook = CapacityOutlookEstimator.Estimate(forecast, DiskUsed, 50);

        Assert.Equal(CrossingKind.InsufficientHistory, outlook.Warning.Kind);
        Assert.Equal(CrossingKind.InsufficientHistory, outlook.Critical.Kind);
    }

    [Fact]
    public void Estimate_BelowIsBadFalling_UsesLowEdgeAsPessimistic()
    {
        // Free space falls 1 %/h from 39, interval ±3: expected below 20 at 39 − 20 = hour 21 (19 < 20).
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 39, perHour: -1, halfWidth: 3), FreePercent, 40, new CapacityGate { Origin = 100 });

        var warning = outlook.Warning;
        Assert.Equal(CrossingKind.Expected, warning.Kind);
        Assert.Equal(Now.AddHours(21), warning.Expected);
        Assert.Equal(Now.AddHours(18), warning.Earliest);
        Assert.Equal(Now.AddHours(24), warning.Latest);
        // 40 % free with origin 100 and level 20: (40 − 100) / (20 − 100) = 0.75 of the way.
        Assert.True(warning.Actionable);
    }

    [Fact]
    public void Estimate_BelowIsBadCurrentBelowLevel_IsAlreadyPast()
    {
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 15, perHour: -1), FreePercent, 15);

        Assert.Equal(CrossingKind.AlreadyPast, outlook.Warning.Kind);
        Assert.NotEqual(CrossingKind.AlreadyPast, outlook.Critical.Kind);
    }

    [Fact]
    public void Estimate_ExpectedButCurrentFarFromLevel_IsNotActionable()
    {
        // A steep forecast from 30 % used: the gate wants 60 % of the way to 80 (48) before acting.
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 35, perHour: 5), DiskUsed, 30);

        Assert.Equal(CrossingKind.Expected, outlook.Warning.Kind);
        Assert.False(outlook.Warning.Actionable);
    }

    [Fact]
    public void Estimate_GateProgressZero_ActsOnTrendAlone()
    {
        var outlook = CapacityOutlookEstimator.Estimate(Rising(start: 35, perHour: 5), DiskUsed, 30, new CapacityGate { MinimumProgress = 0 });

        Assert.True(outlook.Warning.Actionable);
    }

    [Fact]
    public void Estimate_ExpectedButTrendHeadsForGoodSide_IsNotActionable()
    {
        var forecast = Rising(start: 81, perHour: 1) with { Trend = TrendVerdict.Falling };

        var outlook = CapacityOutlookEstimator.Estimate(forecast, DiskUsed, 79);

        Assert.Equal(CrossingKind.Expected, outlook.Warning.Kind);
        Assert.False(outlook.Warning.Actionable);
    }

    [Fact]
    public void Estimate_BurstAtTheEndOfAFlatHistory_RaisesNoActionableAlarm()
    {
        // Two weeks flat at 50 % ± 2, then a four-hour burst to 75 %: the forecaster may extrapolate the burst, but the
        // trend verdict over the history is not real, so nothing is actionable.
        var history = Synthetic.Hourly(24 * 14, level: 50, noise: 2, seed: 21);
        var values = history.Values.ToArray();
        for (var t = values.Length - 4; t < values.Length; t++)
        {
            values[t] = 75;
        }

        var forecast = new Forecaster(ForecastSettings.Default).Forecast(new RegularSeries(history.Start, history.Step, values), TimeSpan.FromDays(1));
        var outlook = CapacityOutlookEstimator.Estimate(forecast, DiskUsed, 75);

        Assert.False(outlook.Warning.Actionable);
        Assert.False(outlook.Critical.Actionable);
    }

    [Fact]
    public void Estimate_RealTrendCloseToLevel_IsActionable()
    {
        // Disk usage growing 0.1 %/h for two weeks, now at about 76 %: warning at 80 expected within two days.
        var history = Synthetic.Hourly(24 * 14, level: 42.5, slopePerHour: 0.1, noise: 0.5, seed: 22);
        var forecast = new Forecaster(ForecastSettings.Default).Forecast(history, TimeSpan.FromDays(2));

        var outlook = CapacityOutlookEstimator.Estimate(forecast, DiskUsed, history.Values[^1]);

        Assert.Equal(TrendVerdict.Rising, forecast.Trend);
        Assert.Equal(CrossingKind.Expected, outlook.Warning.Kind);
        Assert.True(outlook.Warning.Actionable);
        Assert.InRange(outlook.Warning.Expected!.Value, history.End.AddHours(30), history.End.AddHours(50));
    }

    [Fact]
    public void Estimate_NonFiniteCurrentValue_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CapacityOutlookEstimator.Estimate(Rising(1, 1), DiskUsed, double.NaN));

        Assert.Contains("Current value", ex.Message);
    }

    // A hand-made forecast: hour h (1-based) expects start + perHour·(h − 1), interval ± halfWidth.
    private static ForecastResult Rising(double start, double perHour, double halfWidth = 0, int hours = 48)
    {
        var points = Enumerable.Range(1, hours)
            .Select(h => start + (perHour * (h - 1)))
            .Select((v, i) => new ForecastPoint(Now.AddHours(i + 1), v, v - halfWidth, v + halfWidth))
            .ToArray();
        var trend = perHour > 0 ? TrendVerdict.Rising : TrendVerdict.Falling;
        return new ForecastResult(ForecastStatus.Forecasted, "test", TimeSpan.FromDays(14), TimeSpan.FromDays(7), null, points, 0.95, null, trend);
    }
}
