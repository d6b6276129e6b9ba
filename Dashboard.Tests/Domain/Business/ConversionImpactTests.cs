using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class ConversionImpactTests
{
    private static Duration Ms(double ms) => Duration.Of(TimeSpan.FromMilliseconds(ms));

    [Theory]
    [InlineData(200, 300, 1.0)] // +100 ms costs 1 %, the chapter's rule
    [InlineData(200, 400, 1.99)] // compounding: 1 - 0.99^2
    [InlineData(200, 500, 2.9701)] // 1 - 0.99^3, linear would say 3 %
    [InlineData(100, 1100, 9.5618)] // 1 - 0.99^10
    [InlineData(0, 150, 1.4963)] // fractional steps: 1 - 0.99^1.5
    public void Estimate_LostShare_CompoundsPerHundredMs(double baselineMs, double observedMs, double expectedPercent)
    {
        var impact = ConversionImpact.Estimate(Ms(baselineMs), Ms(observedMs));

        Assert.Equal(expectedPercent, impact.LostShare.Value, 3);
        Assert.Equal(TimeSpan.FromMilliseconds(observedMs - baselineMs), impact.ExtraLatency.Value);
    }

    [Fact]
    public void Estimate_NoChange_LosesNothing()
    {
        var impact = ConversionImpact.Estimate(Ms(250), Ms(250), 1_000, Money.Of(50m));

        Assert.Equal(0, impact.LostShare.Value);
        Assert.Equal(0, impact.LostConversions);
        Assert.Equal(Money.Zero, impact.LostRevenue);
    }

    [Fact]
    public void Estimate_FasterThanBaseline_ClaimsNoGain()
    {
        var impact = ConversionImpact.Estimate(Ms(400), Ms(150), 1_000, Money.Of(50m));

        Assert.Equal(Duration.Zero, impact.ExtraLatency);
        Assert.Equal(0, impact.LostShare.Value);
        Assert.Equal(0, impact.LostConversions);
        Assert.Equal(Money.Zero, impact.LostRevenue);
    }

    [Fact]
    public void Estimate_WithConversionsAndRevenue_PricesTheLoss()
    {
        // 990 conversions at +100 ms: the baseline would have had 1,000, so 10 were lost; at $40 each, $400.
        var impact = ConversionImpact.Estimate(Ms(200), Ms(300), 990, Money.Of(40m));

        Assert.Equal(10, impact.LostConversions!.Value, 9);
        Assert.Equal(400m, Math.Round(impact.LostRevenue!.Value.Amount, 6));
    }

    [Fact]
    public void Estimate_ConversionsWithoutRevenue_GivesCountButNoMoney()
    {
        var impact = ConversionImpact.Estimate(Ms(200), Ms(300), 990);

        Assert.NotNull(impact.LostConversions);
        Assert.Null(impact.LostRevenue);
        Assert.Null(ConversionImpact.Estimate(Ms(200), Ms(300), revenuePerConversion: Money.Of(40m)).LostRevenue);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Estimate_NonsenseConversions_Throw(double conversions)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConversionImpact.Estimate(Ms(1), Ms(2), conversions));
        Assert.Contains("Observed conversions", ex.Message);
    }

    [Fact]
    public void Law_MoreLatencyNeverRaisesConversions_AndLossStaysBelowHundredPercent()
    {
        var random = new Random(100);
        for (var i = 0; i < 1_000; i++)
        {
            var baseline = Ms(random.Next(0, 2_000));
            var slower = Ms(random.Next(0, 60_000));
            var slowest = slower + Ms(random.Next(0, 5_000));

            var less = ConversionImpact.Estimate(baseline, slower).LostShare.Value;
            var more = ConversionImpact.Estimate(baseline, slowest).LostShare.Value;

            Assert.True(more >= less, $"baseline {baseline}, {slower} lost {less} % but {slowest} lost {more} %");
            Assert.InRange(more, 0, 100);
        }
    }

    [Fact]
    public void Law_SmallDeltas_StayCloseToTheLinearRule()
    {
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var extraMs = random.NextDouble() * 500;

            var share = ConversionImpact.Estimate(Ms(0), Ms(extraMs)).LostShare.Value;

            // Within 3 % of the linear figure up to +500 ms; slightly above it below one step, as 0.99^x is convex.
            var linear = extraMs / 100;
            Assert.InRange(share, linear * 0.97, linear * 1.006);
        }
    }
}
