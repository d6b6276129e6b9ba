using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Domain.Forecasting;

public class SpikeFilterTests
{
    private static double[] Wavy(int hours, int seed = 3) =>
        [.. Synthetic.Hourly(hours, level: 50, slopePerHour: 0.02, dailyAmplitude: 8, noise: 1, seed: seed).Values];

    [Fact]
    public void Clean_OneSpikeInTheMiddle_IsReplacedByWhatItsNeighboursSay()
    {
        var values = Wavy(24 * 14);
        var spiked = (double[])values.Clone();
        spiked[200] += 60;

        var result = SpikeFilter.Clean(spiked);

        Assert.Equal([200], result.Replaced);
        Assert.InRange(result.Values[200], values[200] - 6, values[200] + 6);
        Assert.Equal(60 + values[200], spiked[200]); // the input is not changed
    }

    [Fact]
    public void Clean_ADropoutToZeroForOneHourStraddlingTwoSteps_IsReplaced()
    {
        var values = Wavy(24 * 14);
        values[150] = 0;
        values[151] = 10; // the bucket half covered by the dropout

        var result = SpikeFilter.Clean(values);

        Assert.Equal([150, 151], result.Replaced);
        Assert.All(result.Replaced, i => Assert.InRange(result.Values[i], 35, 65));
    }

    [Fact]
    public void Clean_ASpikeAtTheVeryEnd_IsReplacedFromTheValuesBeforeIt()
    {
        var values = Wavy(24 * 14);
        values[^1] *= 3;

        var result = SpikeFilter.Clean(values);

        Assert.Equal([values.Length - 1], result.Replaced);
        Assert.InRange(result.Values[^1], 30, 80);
    }

    [Fact]
    public void Clean_ALevelShiftThatHolds_IsLeftAlone()
    {
        var values = Wavy(24 * 14);
        for (var i = 200; i < values.Length; i++)
        {
            values[i] += 40;
        }

        var result = SpikeFilter.Clean(values);

        Assert.Empty(result.Replaced);
        Assert.Equal(values, result.Values);
    }

    [Fact]
    public void Clean_AnEventLongerThanTwoSteps_IsLeftAlone()
    {
        var values = Wavy(24 * 14);
        for (var i = 100; i < 104; i++)
        {
            values[i] += 50;
        }

        Assert.Empty(SpikeFilter.Clean(values).Replaced);
    }

    [Fact]
    public void Clean_ABurstySeries_IsLeftAsItIs()
    {
        // Queue depth: mostly zero, a burst every few hours is its normal behaviour, not a fault.
        var values = new double[24 * 14];
        for (var i = 0; i < values.Length; i += 7)
        {
            values[i] = 25;
        }

        Assert.Empty(SpikeFilter.Clean(values).Replaced);
    }

    [Fact]
    public void Clean_GapsStayGaps_AndAreNotCountedAsSpikes()
    {
        var values = Wavy(24 * 14);
        values[40] = double.NaN;
        values[41] = double.NaN;

        var result = SpikeFilter.Clean(values);

        Assert.Empty(result.Replaced);
        Assert.True(double.IsNaN(result.Values[40]));
        Assert.True(double.IsNaN(result.Values[41]));
    }

    [Fact]
    public void Clean_AFlatSeriesWithOneBlip_ReplacesTheBlip()
    {
        var values = Enumerable.Repeat(12.0, 24 * 10).ToArray();
        values[77] = 95;

        var result = SpikeFilter.Clean(values);

        Assert.Equal([77], result.Replaced);
        Assert.Equal(12, result.Values[77]);
    }

    [Fact]
    public void Clean_APeakThatComesBackEverySeason_IsTheSeasonNotASpike()
    {
        // A batch job every Monday at 02:00: four sharp peaks in four weeks, each one repeating the week before.
        var values = Wavy(24 * 7 * 4);
        for (var i = 2; i < values.Length; i += 168)
        {
            values[i] += 70;
        }

        Assert.Equal(4, SpikeFilter.Clean(values).Replaced.Count); // without the season, each looks like a spike
        Assert.Empty(SpikeFilter.Clean(values, [24, 168]).Replaced);
    }

    [Fact]
    public void Clean_ASpikeInASeasonalSeries_IsStillASpike()
    {
        var values = Wavy(24 * 7 * 4);
        values[400] += 70;

        Assert.Equal([400], SpikeFilter.Clean(values, [24, 168]).Replaced);
    }

    [Fact]
    public void Clean_ATooShortSeries_IsReturnedUnchanged()
    {
        double[] values = [1, 2, 300, 4, 5];

        var result = SpikeFilter.Clean(values);

        Assert.Empty(result.Replaced);
        Assert.Equal(values, result.Values);
    }
}
