using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Values;

public class MoneyTests
{
    [Fact]
    public void Of_Negative_ThrowsNamingTheRule()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Money.Of(-0.01m));
        Assert.Contains("Money must not be negative", ex.Message);
        Assert.Contains("-0.01", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(685.5)]
    [InlineData(5_000_000)]
    public void Of_NonNegative_KeepsAmount(double amount)
    {
        Assert.Equal((decimal)amount, Money.Of((decimal)amount).Amount);
    }

    [Fact]
    public void Arithmetic_AddsScalesDivides()
    {
        var a = Money.Of(100m);
        var b = Money.Of(50m);

        Assert.Equal(150m, (a + b).Amount);
        Assert.Equal(50m, (a - b).Amount);
        Assert.Equal(0m, (b - a).Amount);
        Assert.Equal(250m, (a * 2.5m).Amount);
        Assert.Equal(25m, (a / 4m).Amount);
        Assert.True(a > b);
        Assert.True(b < a);
        Assert.True(a >= Money.Of(100m));
        Assert.True(b <= a);
    }

    [Fact]
    public void Multiply_ByNegative_Throws()
    {
        Assert.Throws<DomainValidationException>(() => Money.Of(10m) * -1m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Divide_ByZeroOrNegative_ThrowsNamedException(int divisor)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Money.Of(10m) / divisor);
        Assert.Contains("divisor", ex.Message);
    }

    [Fact]
    public void RoundToUnits_RoundsHalfAwayFromZero()
    {
        Assert.Equal(685m, Money.Of(684.93m).RoundToUnits().Amount);
        Assert.Equal(686m, Money.Of(685.5m).RoundToUnits().Amount);
    }
}
