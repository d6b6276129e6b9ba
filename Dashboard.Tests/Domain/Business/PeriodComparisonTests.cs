using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class PeriodComparisonTests
{
    [Theory]
    [InlineData(99.90, 99.95, 0.01, ChangeDirection.Up)]
    [InlineData(99.95, 99.90, 0.01, ChangeDirection.Down)]
    [InlineData(99.950, 99.955, 0.01, ChangeDirection.Steady)]
    [InlineData(99.95, 99.96, 0.01, ChangeDirection.Steady)]
    [InlineData(5, 5, 0, ChangeDirection.Steady)]
    public void Of_ChangeBeyondTolerance_PointsThatWay(double previous, double current, double tolerance, ChangeDirection expected)
    {
        var comparison = PeriodComparison.Of(previous, current, tolerance);

        Assert.Equal(expected, comparison.Direction);
        Assert.Equal(current - previous, comparison.Change, 12);
    }

    [Fact]
    public void Of_NotFiniteOrNegativeTolerance_Throws()
    {
        Assert.Throws<DomainValidationException>(() => PeriodComparison.Of(double.NaN, 1, 0));
        Assert.Throws<DomainValidationException>(() => PeriodComparison.Of(1, double.PositiveInfinity, 0));
        var ex = Assert.Throws<DomainValidationException>(() => PeriodComparison.Of(1, 2, -0.1));
        Assert.Contains("tolerance", ex.Message);
    }
}
