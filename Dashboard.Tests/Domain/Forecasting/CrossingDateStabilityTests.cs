using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

/// <summary>
/// Issue 15, target 3: one spike, or a one-hour dropout, added to a series moves its predicted crossing date by less
/// than 5 % of the time until that date, wherever in the history it lands (the last hour included).
/// </summary>
public class CrossingDateStabilityTests
{
    private const int Hours = 24 * 21;
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(40);
    private static readonly Threshold Memory = new(80, 90, ThresholdDirection.AboveIsBad, "%");
    private static readonly Forecaster Forecaster = new(ForecastSettings.Default);

    public static TheoryData<string, int> Faults()
    {
        var data = new TheoryData<string, int>();
        foreach (var hoursBeforeEnd in new[] { 300, 100, 30, 6, 2, 1 })
        {
            data.Add("spike", hoursBeforeEnd);
            data.Add("dropout to zero", hoursBeforeEnd);
            data.Add("missing hour", hoursBeforeEnd);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void OneBadHour_MovesTheCriticalDateByLessThanFivePercent(string fault, int hoursBeforeEnd)
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            var clean = Series(seed);
            var faulty = (double[])clean.Clone();
            var at = Hours - hoursBeforeEnd;
            switch (fault)
            {
                case "spike":
                    faulty[at] *= 2.5;
                    break;
                case "dropout to zero":
                    // Scrapes failing for an hour that straddles two hourly buckets: one reads zero, the next half.
                    faulty[at] = 0;
                    if (at + 1 < Hours)
                    {
                        faulty[at + 1] /= 2;
                    }

                    break;
                default:
                    faulty[at] = double.NaN;
                    break;
            }

            var before = CriticalDate(clean);
            var after = CriticalDate(faulty);
            var now = Synthetic.Start.AddHours(Hours - 1);
            var lead = (before - now).TotalHours;
            var moved = Math.Abs((after - before).TotalHours);

            Assert.True(lead > 24 * 5, $"seed {seed}: the clean series should cross days ahead, crosses in {lead:0} h");
            Assert.True(moved < 0.05 * lead,
                $"seed {seed}, {fault} {hoursBeforeEnd} h before the end: the critical date moved {moved:0.#} h of {lead:0} h ({100 * moved / lead:0.#} %), from {before:u} to {after:u}");
        }
    }

    [Fact]
    public void ASpikeSetAside_IsNamedInTheForecast()
    {
        var values = Series(1);
        values[^30] *= 2.5;

        var forecast = Forecaster.Forecast(new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values), Horizon);

        Assert.Equal([Synthetic.Start.AddHours(Hours - 30)], forecast.SpikesSetAside);
        Assert.Contains("1 isolated spike set aside", forecast.Message, StringComparison.Ordinal);
    }

    // Memory climbing about 1.2 points a day from 40 % with a daily swing and noise: critical (90 %) some 16 days out.
    private static double[] Series(int seed) =>
        [.. Synthetic.Hourly(Hours, level: 40, slopePerHour: 0.05, dailyAmplitude: 6, noise: 1, seed: seed).Values];

    private static DateTimeOffset CriticalDate(double[] values)
    {
        var forecast = Forecaster.Forecast(new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values), Horizon);
        var current = values.Last(v => !double.IsNaN(v));
        var outlook = CapacityOutlookEstimator.Estimate(forecast, Memory, Math.Min(current, 60));
        Assert.Equal(CrossingKind.Expected, outlook.Critical.Kind);
        return outlook.Critical.Expected!.Value;
    }
}
