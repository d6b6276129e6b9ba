using Bunit;
using Dashboard.Components.Forecasts;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Web;

/// <summary>The forecast chart draws what docs/ui.md asks: solid history, dashed forecast, a band, labelled thresholds, "now".</summary>
public sealed class ForecastChartTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<ForecastChart> RenderChart(IReadOnlyList<ForecastPoint> points, double? warning = 75, double? critical = 90) =>
        Render<ForecastChart>(p => p
            .Add(c => c.Metric, "disk")
            .Add(c => c.Name, "Disk usage")
            .Add(c => c.Unit, "%")
            .Add(c => c.History, [.. Enumerable.Range(0, 48).Select(i => (Now.AddHours(i - 48), 50.0 + (i * 0.1)))])
            .Add(c => c.Points, points)
            .Add(c => c.Now, Now)
            .Add(c => c.Warning, warning)
            .Add(c => c.Critical, critical));

    private static List<ForecastPoint> Rising(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new ForecastPoint(Now.AddHours(i), 55 + (i * 0.2), 50 + (i * 0.1), 60 + (i * 0.3)))];

    [Fact]
    public void Render_WithPoints_DrawsHistoryForecastBandAndLabelledThresholds()
    {
        var cut = RenderChart(Rising(72));

        Assert.NotEmpty(cut.Find("[data-testid='forecast-history']").GetAttribute("points")!);
        Assert.NotEmpty(cut.Find("[data-testid='forecast-line']").GetAttribute("points")!);
        Assert.StartsWith("M", cut.Find("[data-testid='forecast-band']").GetAttribute("d"));
        Assert.Contains("warning 75 %", cut.Find(".fc-label-warning").TextContent);
        Assert.Contains("critical 90 %", cut.Find(".fc-label-critical").TextContent);
        Assert.Single(cut.FindAll(".fc-now"));
        Assert.Contains("warning at 75 %", cut.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_PointsWithoutFiniteEdges_NoBandButLineStays()
    {
        var points = Rising(24).Select(p => p with { Low = double.NaN, High = double.NaN }).ToList();

        var cut = RenderChart(points);

        Assert.Empty(cut.FindAll("[data-testid='forecast-band']"));
        Assert.NotEmpty(cut.Find("[data-testid='forecast-line']").GetAttribute("points")!);
    }

    [Fact]
    public void Render_NoThresholds_NoThresholdLines()
    {
        var cut = RenderChart(Rising(24), warning: null, critical: null);

        Assert.Empty(cut.FindAll(".fc-warning"));
        Assert.Empty(cut.FindAll(".fc-critical"));
    }

    [Fact]
    public void Render_MarkersCarryExactValuesWithUnits()
    {
        var cut = RenderChart(Rising(48));

        var tooltips = cut.FindAll(".fc-dot-forecast title").Select(t => t.TextContent).ToList();
        Assert.NotEmpty(tooltips);
        Assert.All(tooltips, t => Assert.Matches(@"expected [\d.]+ %, 95 % range [\d.]+ % – [\d.]+ %", t));
    }
}
