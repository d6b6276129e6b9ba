using Dashboard.Components.Shared;

namespace Dashboard.Tests.Web;

/// <summary>Chart axes on round steps (issue 16: the PM chart's ticks read 48.5 / 59.4 / 70.3).</summary>
public sealed class NiceAxisTests
{
    [Theory]
    [InlineData(48.5, 70.3, 40, 80, 10)]
    [InlineData(0, 1.7, 0, 2, 0.5)]
    [InlineData(0.12, 0.93, 0, 1, 0.25)]
    [InlineData(1200, 98000, 0, 100000, 25000)]
    [InlineData(-3, 7, -5, 7.5, 2.5)]
    public void Around_RoundBoundsAndStep(double low, double high, double min, double max, double step)
    {
        var axis = NiceAxis.Around(low, high);

        Assert.Equal((min, max, step), (axis.Min, axis.Max, axis.Step));
        Assert.True(axis.Min <= low && axis.Max >= high);
    }

    [Fact]
    public void Ticks_AreExactMultiplesOfTheStep()
    {
        var ticks = NiceAxis.Around(0.1, 0.9).Ticks().ToList();

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], ticks);
    }

    [Fact]
    public void Around_FlatRange_GetsAnAxisAroundIt()
    {
        var axis = NiceAxis.Around(42, 42);

        Assert.True(axis.Min < 42 && axis.Max > 42);
        Assert.True(axis.Ticks().Count() >= 2);
    }
}
