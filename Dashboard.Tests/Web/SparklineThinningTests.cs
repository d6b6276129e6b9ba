using Dashboard.Components.Live;

namespace Dashboard.Tests.Web;

/// <summary>A sparkline draws at most Sparkline.MaxVertices vertices, and thinning keeps every slice's lowest and highest point.</summary>
public sealed class SparklineThinningTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static List<(DateTimeOffset At, double Value)> Series(int count, Func<int, double> value) =>
        [.. Enumerable.Range(0, count).Select(i => (Start.AddSeconds(15 * i), value(i)))];

    [Fact]
    public void FewPoints_AllDrawn()
    {
        var points = Series(40, i => i);

        Assert.Equal(points, Sparkline.Thin(points, Sparkline.MaxVertices));
    }

    [Fact]
    public void AnHourAtFiveSeconds_ThinnedToTheLimit_InTimeOrder()
    {
        var points = Series(720, i => 50 + (10 * Math.Sin(i / 20.0)));

        var kept = Sparkline.Thin(points, Sparkline.MaxVertices).ToList();

        Assert.InRange(kept.Count, Sparkline.MaxVertices / 2, Sparkline.MaxVertices);
        Assert.Equal(kept.OrderBy(p => p.At), kept);
        Assert.Equal(points.Max(p => p.Value), kept.Max(p => p.Value));
        Assert.Equal(points.Min(p => p.Value), kept.Min(p => p.Value));
    }

    [Theory]
    [InlineData(3, 99.0)]
    [InlineData(401, 0.5)]
    [InlineData(719, 250.0)]
    public void ASpikeOrADip_IsNeverThinnedAway(int at, double value)
    {
        var points = Series(720, _ => 50);
        points[at] = (points[at].At, value);

        var kept = Sparkline.Thin(points, Sparkline.MaxVertices).ToList();

        Assert.Contains(points[at], kept);
    }
}
