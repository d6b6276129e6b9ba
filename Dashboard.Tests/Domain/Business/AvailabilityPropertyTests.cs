using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

/// <summary>
/// Properties of the one availability SLI over many random months of readings (seeded, so a failure
/// reproduces): what is spent stays spent, the budget moves exactly with the burn rate, and two
/// figures that name the same window are the same number.
/// </summary>
public sealed class AvailabilityPropertyTests
{
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Slo ThreeNines = new(Percent.Of(99.9));

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    /// <summary>Readings every 15 s to 5 min, with gaps, incidents and total outages, over ten days.</summary>
    private static List<UptimeReading> RandomMonth(int seed, out DateTimeOffset end)
    {
        var random = new Random(seed);
        var readings = new List<UptimeReading>();
        var t = December.AddMinutes(random.Next(0, 120));
        end = December.AddDays(10);
        while (t < end)
        {
            var step = TimeSpan.FromSeconds(new[] { 15, 60, 300 }[random.Next(3)]);
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                t += TimeSpan.FromMinutes(random.Next(1, 90)); // a gap: unknown, neither up nor down
                continue;
            }
            var percent = roll < 0.06 ? 0 : roll < 0.15 ? 100 - random.NextDouble() * 20 : 100 - random.NextDouble() * 0.05;
            readings.Add(new UptimeReading(t, step, percent));
            t += step;
        }
        return readings;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DowntimeThisMonth_NeverDecreases_AsTimePassesAndReadingsArrive(int seed)
    {
        var all = RandomMonth(seed, out var end);
        var previous = TimeSpan.Zero;
        var previousLeft = double.PositiveInfinity;
        for (var now = December.AddMinutes(7); now < end; now += TimeSpan.FromMinutes(37))
        {
            // Only readings that began before now exist yet.
            var known = all.Where(r => r.Start < now);
            var budget = MonthlyErrorBudget.Of(ThreeNines, UptimeWindow.Measure(known, December, now));

            Assert.True(budget.Spent.Value >= previous, $"downtime fell from {previous} to {budget.Spent.Value} at {now:O}");
            Assert.True(budget.Remaining <= previousLeft, $"budget left rose from {previousLeft} to {budget.Remaining} at {now:O}");
            previous = budget.Spent.Value;
            previousLeft = budget.Remaining;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BudgetLeft_FallsByTheBurnRateTimesTheStepsShareOfTheMonth(int seed)
    {
        var all = RandomMonth(seed, out var end);
        var random = new Random(seed);
        for (var i = 0; i < 20; i++)
        {
            var t1 = December.AddMinutes(random.Next(10, (int)(end - December).TotalMinutes - 200));
            var t2 = t1.AddMinutes(random.Next(5, 180));
            var before = MonthlyErrorBudget.Of(ThreeNines, UptimeWindow.Measure(all, December, t1));
            var after = MonthlyErrorBudget.Of(ThreeNines, UptimeWindow.Measure(all, December, t2));
            var step = UptimeWindow.Measure(all, t1, t2);
            if (step.ErrorRatio is not { } ratio)
            {
                Assert.Equal(before.Remaining, after.Remaining, 9);
                continue;
            }

            // The burn rate over the covered part of the step, as the owner's burn-rate card computes it.
            var burn = BurnRate.Of(ThreeNines, ratio);
            var expectedDrop = burn * ThreeNines.ErrorBudgetRatio * step.Covered.Value / before.Allowed.Value;
            Assert.Equal(expectedDrop, before.Remaining - after.Remaining, 6);
            if (burn > 1 && step.Coverage == 1)
            {
                Assert.True(after.Remaining < before.Remaining - ((t2 - t1) / (before.MonthEnd - before.MonthStart)) + 1e-9,
                    "above 1x the budget falls faster than the month passes");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void UptimeOfAWindow_IsOneNumber_WhicheverFigureNamesIt(int seed)
    {
        var all = RandomMonth(seed, out var end);
        var now = end.AddMinutes(-1);

        // The owner's "this month" uptime and the budget's spending both come from the month-to-date window.
        var month = UptimeWindow.Measure(all, December, now);
        var budget = MonthlyErrorBudget.Of(ThreeNines, month);
        Assert.Equal(month.Downtime.Value.TotalSeconds, budget.Spent.Value.TotalSeconds, 6);
        Assert.Equal(100 - month.Uptime!.Value.Value, 100 * budget.Spent.Value / month.Covered.Value, 6);

        // A window measured twice from the same readings, in a different order, is the same figure.
        var shuffled = all.OrderBy(_ => Guid.NewGuid()).ToList();
        Assert.Equal(month.Uptime!.Value.Value, UptimeWindow.Measure(shuffled, December, now).Uptime!.Value.Value, 9);
    }

    [Fact]
    public void MonthlyBudget_December99_9_Allows44_6Minutes()
    {
        var budget = MonthlyErrorBudget.Of(ThreeNines, UptimeWindow.Measure([new UptimeReading(December, TimeSpan.FromHours(1), 99)], December, December.AddHours(1)));

        Assert.Equal(44.64, budget.Allowed.Value.TotalMinutes, 2);
        Assert.Equal(0.6, budget.Spent.Value.TotalMinutes, 6);
        Assert.Equal(1 - (0.6 / 44.64), budget.Remaining, 6);
        Assert.Equal((44.64 - 0.6) / (2 * 0.001), budget.TimeToExhaustion(2)!.Value.TotalMinutes, 3);
    }

    [Fact]
    public void MonthlyBudget_WindowNotFromTheMonthsStart_NamesTheWindow()
    {
        var window = UptimeWindow.Measure([], December.AddDays(1), December.AddDays(2));

        var error = Assert.Throws<DomainValidationException>(() => MonthlyErrorBudget.Of(ThreeNines, window));
        Assert.Contains("first instant of a month", error.Message);
    }
}
