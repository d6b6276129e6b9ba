using Dashboard.Components.Owner;
using Dashboard.Components.Shared;

namespace Dashboard.Tests.Web;

/// <summary>One format per unit (issue 16, item 2): the same percentage reads the same on every page.</summary>
public sealed class HumanizeTests
{
    [Theory]
    [InlineData(87.94, "87.9 %")]
    [InlineData(58, "58 %")]
    [InlineData(0.04, "0 %")]
    [InlineData(99.412, "99.41 %")]
    [InlineData(99.81, "99.81 %")]
    [InlineData(99.924, "99.92 %")]
    [InlineData(99.9, "99.9 %")]
    [InlineData(99.9951, "99.995 %")]
    [InlineData(99.99996, "99.999 %")]
    [InlineData(100, "100 %")]
    [InlineData(1234.5, "1,234.5 %")]
    public void Percent_OneDecimal_TwoNear100_ThreeFromFourNines(double value, string expected)
    {
        Assert.Equal(expected, Humanize.Percent(value));
        Assert.Equal(expected, Humanize.Value(value, "%"));
    }

    [Fact]
    public void OwnerUptime_IsThePercentFormat()
    {
        Assert.Equal(Humanize.Percent(99.912), OwnerFormat.Uptime(99.912));
        Assert.Equal("no data", OwnerFormat.Uptime(null));
    }

    [Fact]
    public void Count_HasThousandsSeparators() => Assert.Equal("12,400", Humanize.Count(12_400));

    [Fact]
    public void At_IsLocal24HourWithoutIsoMarks()
    {
        var at = new DateTimeOffset(2026, 12, 7, 21, 12, 30, TimeSpan.Zero);
        var text = Humanize.At(at);
        Assert.Equal(at.ToLocalTime().ToString("MMM d HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-US")), text);
        Assert.DoesNotContain("Z", text, StringComparison.Ordinal);
        Assert.DoesNotContain("T", text, StringComparison.Ordinal);
    }
}
