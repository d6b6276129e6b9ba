using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class BurnRatePolicyTests
{
    private static readonly Slo ThreeNines = new(Percent.Of(99.9));
    private static readonly TimeSpan M5 = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan M30 = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan H1 = TimeSpan.FromHours(1);
    private static readonly TimeSpan H2 = TimeSpan.FromHours(2);
    private static readonly TimeSpan H6 = TimeSpan.FromHours(6);
    private static readonly TimeSpan D1 = TimeSpan.FromDays(1);
    private static readonly TimeSpan D3 = TimeSpan.FromDays(3);

    // urgency, long window (h), short window (min), factor, budget spent when it fires
    public static TheoryData<AlertUrgency, double, double, double, double> Defaults => new()
    {
        { AlertUrgency.Page, 1, 5, 14.4, 0.02 },
        { AlertUrgency.Page, 6, 30, 6, 0.05 },
        { AlertUrgency.Ticket, 24, 120, 3, 0.10 },
        { AlertUrgency.Ticket, 72, 360, 1, 0.10 },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void ThirtyDayDefault_HasTheSreWorkbookTiers(AlertUrgency urgency, double longHours, double shortMinutes, double factor, double budgetSpent)
    {
        var tier = Assert.Single(BurnRatePolicy.ThirtyDayDefault.Tiers, t => t.LongWindow == TimeSpan.FromHours(longHours));

        Assert.Equal(urgency, tier.Urgency);
        Assert.Equal(TimeSpan.FromMinutes(shortMinutes), tier.ShortWindow);
        Assert.Equal(factor, tier.Factor);
        Assert.Equal(budgetSpent, tier.BudgetConsumedWhenFiring(ThreeNines), 9);
    }

    [Fact]
    public void Evaluate_FastBurnInBothPageWindows_Pages()
    {
        var ratios = Uniform(0.0145); // burn 14.5x everywhere

        var result = BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, ratios);

        Assert.Equal(AlertUrgency.Page, result.Urgency);
        Assert.Equal(4, result.Firing.Count);
    }

    [Fact]
    public void Evaluate_BurnExactlyAtFactor_DoesNotFire()
    {
        var ratios = new Dictionary<TimeSpan, double> { [H1] = 0.0144, [M5] = 0.0144 };
        var onlyFirstTier = new BurnRatePolicy([BurnRatePolicy.ThirtyDayDefault.Tiers[0]]);

        Assert.Null(onlyFirstTier.Evaluate(ThreeNines, ratios).Urgency);
        ratios[H1] = 0.0146;
        ratios[M5] = 0.0146;
        Assert.Equal(AlertUrgency.Page, onlyFirstTier.Evaluate(ThreeNines, ratios).Urgency);
    }

    [Fact]
    public void Evaluate_LongWindowBurningButShortWindowRecovered_DoesNotPage()
    {
        var ratios = Uniform(0.02);
        ratios[M5] = 0.0001;
        ratios[M30] = 0.0001;

        var result = BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, ratios);

        Assert.Equal(AlertUrgency.Ticket, result.Urgency);
        Assert.All(result.Firing, t => Assert.Equal(AlertUrgency.Ticket, t.Urgency));
    }

    [Fact]
    public void Evaluate_SlowSteadyBurnAboveOne_TicketsOnlyFromTheThreeDayTier()
    {
        var result = BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, Uniform(0.0015));

        var tier = Assert.Single(result.Firing);
        Assert.Equal(D3, tier.LongWindow);
        Assert.Equal(AlertUrgency.Ticket, result.Urgency);
    }

    [Fact]
    public void Evaluate_MissingWindow_CannotFireItsTier()
    {
        var ratios = Uniform(0.05);
        ratios.Remove(M5);
        ratios.Remove(M30);

        var result = BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, ratios);

        Assert.Equal(AlertUrgency.Ticket, result.Urgency);
    }

    [Fact]
    public void Evaluate_NoErrors_NothingFires()
    {
        Assert.Empty(BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, Uniform(0)).Firing);
    }

    [Fact]
    public void Tier_AndPolicy_RejectNonsense()
    {
        Assert.Throws<DomainValidationException>(() => new BurnRateTier(AlertUrgency.Page, M5, H1, 14.4));
        Assert.Throws<DomainValidationException>(() => new BurnRateTier(AlertUrgency.Page, H1, M5, 0));
        Assert.Throws<DomainValidationException>(() => new BurnRatePolicy([]));
        Assert.Throws<DomainValidationException>(() => BurnRate.Of(ThreeNines, 1.5));
    }

    [Fact]
    public void Windows_OfTheDefault_AreTheSevenDistinctWindowsShortestFirst()
    {
        Assert.Equal([M5, M30, H1, H2, H6, D1, D3], BurnRatePolicy.ThirtyDayDefault.Windows);
    }

    [Fact]
    public void Read_GivesBothBurnRatesPerTierAndFiresLikeEvaluate()
    {
        var ratios = Uniform(0.0005); // 0.5x everywhere ...
        ratios[H1] = 0.02; // ... but 20x over the last hour
        ratios[M5] = 0.03; // and 30x over the last five minutes

        var readings = BurnRatePolicy.ThirtyDayDefault.Read(ThreeNines, ratios);
        var evaluated = BurnRatePolicy.ThirtyDayDefault.Evaluate(ThreeNines, ratios);

        Assert.Equal(4, readings.Count);
        Assert.Equal(20, readings[0].LongBurnRate!.Value, 9);
        Assert.Equal(30, readings[0].ShortBurnRate!.Value, 9);
        Assert.True(readings[0].Firing);
        Assert.Equal(0.5, readings[1].LongBurnRate!.Value, 9);
        Assert.False(readings[1].Firing);
        Assert.Equal(evaluated.Firing, readings.Where(r => r.Firing).Select(r => r.Tier).ToList());
    }

    [Fact]
    public void Read_MissingWindow_HasNoBurnRateAndDoesNotFire()
    {
        var ratios = Uniform(0.05);
        ratios.Remove(M5);

        var first = BurnRatePolicy.ThirtyDayDefault.Read(ThreeNines, ratios)[0];

        Assert.Null(first.ShortBurnRate);
        Assert.Equal(50, first.LongBurnRate!.Value, 9);
        Assert.False(first.Firing);
    }

    private static Dictionary<TimeSpan, double> Uniform(double ratio) =>
        new[] { M5, M30, H1, H2, H6, D1, D3 }.ToDictionary(w => w, _ => ratio);
}
