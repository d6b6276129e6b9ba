using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Components.Live;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;
using MudBlazor;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Web;

/// <summary>A gauge says its status in colour, icon and word; stale is not zero and missing is not zero.</summary>
public sealed class SaturationGaugeTests : MudBunitContext
{
    private static string Clock(DateTimeOffset at, string format = "HH:mm:ss") => at.ToLocalTime().ToString(format, CultureInfo.InvariantCulture);

    private IRenderedComponent<SaturationGauge> RenderGauge(GaugeSnapshot gauge, IReadOnlyList<(DateTimeOffset At, double Value)>? sparkline = null) =>
        Render<SaturationGauge>(p => p.Add(g => g.Gauge, gauge).Add(g => g.Sparkline, sparkline));

    private static void AssertStatusShown(IRenderedComponent<SaturationGauge> cut, HealthStatus status, string colourClass, string icon, string word)
    {
        var card = cut.Find("[data-testid^='gauge-']");
        Assert.Equal(status.ToString(), card.GetAttribute("data-status"));
        var chip = cut.Find("[data-testid='gauge-status']");
        Assert.Contains(colourClass, chip.ClassList);
        Assert.Equal(word, chip.TextContent.Trim());
        // The chip's icon is the status' own glyph (its paths), so the word never travels without it.
        var drawn = chip.QuerySelector("svg")!.InnerHtml;
        var paths = Regex.Matches(icon, "d=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Where(d => d != "M0 0h24v24H0z").ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, d => Assert.Contains(d, drawn, StringComparison.Ordinal));
    }

    public static readonly TheoryData<string, double, HealthStatus> Edges = new()
    {
        // Strict comparisons: a value exactly at a level has not crossed it.
        { MetricIds.Cpu, 70, HealthStatus.Ok },
        { MetricIds.Cpu, 70.5, HealthStatus.Warning },
        { MetricIds.Cpu, 90, HealthStatus.Warning },
        { MetricIds.Cpu, 90.1, HealthStatus.Critical },
        { MetricIds.LatencyP99, 3000, HealthStatus.Warning },
        // Below is bad: uptime warns below 99.9 and is critical below 99.5.
        { MetricIds.Uptime, 99.9, HealthStatus.Ok },
        { MetricIds.Uptime, 99.5, HealthStatus.Warning },
        { MetricIds.Uptime, 99.4, HealthStatus.Critical },
        { MetricIds.PaymentSuccess, 95, HealthStatus.Warning },
        { MetricIds.PaymentSuccess, 94.9, HealthStatus.Critical },
        { MetricIds.SignupSuccess, 99, HealthStatus.Ok },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Gauge_ValueAtOrPastLevel_ShowsTheDomainsStatus(string metricId, double value, HealthStatus expected)
    {
        var gauge = GaugeSnapshots.Evaluate(metricId, value);
        Assert.Equal(expected, gauge.Status); // the Domain's verdict, checked rather than assumed

        var cut = RenderGauge(gauge);

        var (colour, icon, word) = expected switch
        {
            HealthStatus.Ok => ("mud-chip-color-success", Icons.Material.Filled.CheckCircle, "Ok"),
            HealthStatus.Warning => ("mud-chip-color-warning", Icons.Material.Filled.Warning, "Warning"),
            _ => ("mud-chip-color-error", Icons.Material.Filled.Error, "Critical"),
        };
        AssertStatusShown(cut, expected, colour, icon, word);
        var metric = MetricCatalog.Default.Get(metricId);
        var shown = Dashboard.Components.Shared.Humanize.Value(value, metric.Unit);
        Assert.Equal($"{metric.Name}: {shown}", cut.Find("[data-testid='gauge-title']").TextContent.Trim());
        Assert.Equal($"{shown} · {Clock(GaugeSnapshots.Now)}", cut.Find("[data-testid='gauge-reading']").TextContent.Trim());
    }

    [Fact]
    public void Gauge_Fresh_TitleAnswersAndMeterCarriesTheSentence()
    {
        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.Cpu, 72));

        Assert.Equal("CPU utilization: 72 %", cut.Find("[data-testid='gauge-title']").TextContent.Trim());
        var meter = cut.Find("[data-testid='gauge-meter']");
        Assert.Equal("meter", meter.GetAttribute("role"));
        Assert.Equal("72", meter.GetAttribute("aria-valuenow"));
        Assert.Equal("CPU utilization: 72 %, Warning; warning above 70 % · critical above 90 %", meter.GetAttribute("aria-label"));
        Assert.Equal("cpu", cut.Find("[data-testid='gauge-cpu']").GetAttribute("data-metric"));
    }

    [Fact]
    public void Gauge_BelowIsBad_ThresholdsReadTheOtherWayRound()
    {
        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.Uptime, 99.95));

        Assert.Equal("warning below 99.9 % · critical below 99.5 %", cut.Find("[data-testid='gauge-thresholds']").TextContent.Trim());
        // Zoomed in below 100 %, so the two marks do not sit on top of each other (at least a tenth of the bar apart).
        var left = cut.FindAll(".gauge-mark").Select(m => double.Parse(m.GetAttribute("style")!.Split(':')[1].TrimEnd('%', ' ', ';'), CultureInfo.InvariantCulture)).ToList();
        Assert.True(left[0] - left[1] > 10, $"warning mark at {left[0]} %, critical at {left[1]} %");
    }

    [Fact]
    public void Gauge_AboveIsBad_ThresholdsSayAbove()
    {
        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.LatencyP99, 420));

        Assert.Equal("warning above 1 s · critical above 3 s", cut.Find("[data-testid='gauge-thresholds']").TextContent.Trim());
        Assert.Equal("p99 response time: 420 ms", cut.Find("[data-testid='gauge-title']").TextContent.Trim());
    }

    [Fact]
    public void Gauge_NoData_ShowsNoNumberAndGrey()
    {
        var gauge = GaugeSnapshots.Evaluate(MetricIds.QueueDepth, null);
        Assert.Equal(HealthStatus.NoData, gauge.Status);

        var cut = RenderGauge(gauge);

        AssertStatusShown(cut, HealthStatus.NoData, "mud-chip-color-dark", Icons.Material.Filled.CloudOff, "No data");
        var title = cut.Find("[data-testid='gauge-title']").TextContent.Trim();
        var reading = cut.Find("[data-testid='gauge-reading']").TextContent.Trim();
        Assert.Equal("Queue depth: no data", title);
        Assert.Equal("no data", reading);
        Assert.DoesNotContain(title + reading, char.IsDigit);
        var meter = cut.Find("[data-testid='gauge-meter']");
        Assert.Null(meter.GetAttribute("aria-valuenow"));
        Assert.StartsWith("Queue depth: no data", meter.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-progress-linear"));
    }

    [Fact]
    public void Gauge_Stale_SaysSinceWhenAndWhyAndGreysTheLastValue()
    {
        var sampled = GaugeSnapshots.Now - TimeSpan.FromMinutes(3);
        const string reason = "Prometheus at http://127.0.0.1:9091 unreachable: connection refused";
        var gauge = GaugeSnapshots.Evaluate(MetricIds.Cpu, 95, sampled, staleReason: reason);
        Assert.Equal(HealthStatus.Stale, gauge.Status);

        var cut = RenderGauge(gauge);

        AssertStatusShown(cut, HealthStatus.Stale, "mud-chip-color-dark", Icons.Material.Filled.HourglassDisabled, "Stale");
        var since = Clock(gauge.Since!.Value, "HH:mm");
        Assert.Equal($"stale since {since} · {reason}", cut.Find("[data-testid='gauge-stale']").TextContent.Trim());
        Assert.Equal($"CPU utilization: stale since {since}", cut.Find("[data-testid='gauge-title']").TextContent.Trim());
        var reading = cut.Find("[data-testid='gauge-reading']");
        Assert.Equal($"last 95 % · {Clock(sampled)}", reading.TextContent.Trim());
        Assert.Contains("mud-text-secondary", reading.ClassList);
        var meter = cut.Find("[data-testid='gauge-meter']");
        Assert.Contains("gauge-greyed", meter.ClassList);
        Assert.Equal("img", meter.GetAttribute("role"));
        // The last value is context, not a verdict: the bar is grey, not red.
        Assert.Empty(cut.FindAll(".mud-progress-linear-color-error"));
    }

    private string PartHtml(GaugeSnapshot gauge, GaugePart part) =>
        Render<SaturationGauge>(p => p.Add(g => g.Gauge, gauge).Add(g => g.Only, part)).Markup;

    [Fact]
    public void Parts_ANewSampleOfTheSameValue_RedrawsOnlyTheReading()
    {
        // The grid sends a page only the parts whose text changed (decision 037): a sample 15 s later with the same
        // value must draw the same head, meter and thresholds, and a new reading.
        var first = GaugeSnapshots.Evaluate(MetricIds.Cpu, 72);
        var later = GaugeSnapshots.Evaluate(MetricIds.Cpu, 72, now: GaugeSnapshots.Now.AddSeconds(15));

        foreach (var part in new[] { GaugePart.Head, GaugePart.Meter, GaugePart.Thresholds })
        {
            Assert.Equal(PartHtml(first, part), PartHtml(later, part));
        }
        Assert.NotEqual(PartHtml(first, GaugePart.Reading), PartHtml(later, GaugePart.Reading));
        // A value that moved changes the head and the meter.
        var moved = GaugeSnapshots.Evaluate(MetricIds.Cpu, 81, now: GaugeSnapshots.Now.AddSeconds(15));
        Assert.NotEqual(PartHtml(first, GaugePart.Head), PartHtml(moved, GaugePart.Head));
        Assert.NotEqual(PartHtml(first, GaugePart.Meter), PartHtml(moved, GaugePart.Meter));
    }

    [Fact]
    public void Parts_DrawnTwice_ReadTheSame_NoRandomIds()
    {
        var gauge = GaugeSnapshots.Evaluate(MetricIds.Cpu, 95);

        Assert.All(Enum.GetValues<GaugePart>(), part => Assert.Equal(PartHtml(gauge, part), PartHtml(gauge, part)));
        Assert.DoesNotContain(" id=", RenderGauge(gauge).Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparkline_LastHour_DrawsPointsAndThresholdLines()
    {
        var points = Enumerable.Range(0, 90).Select(i => (GaugeSnapshots.Now - TimeSpan.FromMinutes(89 - i), 50.0 + i % 7)).ToList();

        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.Cpu, 52), points);

        var svg = cut.Find("[data-testid='sparkline']");
        Assert.Equal("61", svg.GetAttribute("data-points")); // only the last hour: minutes -60..0
        Assert.Single(svg.QuerySelectorAll(".sparkline-warning"));
        Assert.Single(svg.QuerySelectorAll(".sparkline-critical"));
        Assert.StartsWith("Last hour: from 50 % to 56 %", svg.GetAttribute("aria-label"), StringComparison.Ordinal);
        // Above-is-bad: the critical line sits higher on screen (smaller y) than the warning line.
        Assert.True(Y(svg, ".sparkline-critical") < Y(svg, ".sparkline-warning"));
    }

    [Fact]
    public void Gauge_OutageInTheLastHour_BarMarksStayApart_SparklineScaleHoldsTheDip()
    {
        // Uptime at 0 % twenty minutes ago (an outage), 99.95 % now.
        var points = Enumerable.Range(0, 60).Select(i => (GaugeSnapshots.Now - TimeSpan.FromMinutes(59 - i), i == 40 ? 0.0 : 99.95)).ToList();

        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.Uptime, 99.95), points);

        var left = cut.FindAll(".gauge-mark").Select(m => double.Parse(m.GetAttribute("style")!.Split(':')[1].TrimEnd('%', ' ', ';'), CultureInfo.InvariantCulture)).ToList();
        Assert.True(left[0] - left[1] > 10, $"the outage squeezed the marks: warning at {left[0]} %, critical at {left[1]} %");
        // The sparkline says its own scale, which reaches down to the dip.
        Assert.Equal("100 %", cut.Find("[data-testid='sparkline-max']").TextContent.Trim());
        Assert.Equal("0 % · last hour", cut.Find("[data-testid='sparkline-min']").TextContent.Trim());
    }

    [Fact]
    public void Sparkline_NoHistory_SaysSoInsteadOfAFlatLine()
    {
        var cut = RenderGauge(GaugeSnapshots.Evaluate(MetricIds.Cpu, 52), []);

        Assert.Empty(cut.FindAll("[data-testid='sparkline']"));
        Assert.Equal("no history in the last hour yet", cut.Find("[data-testid='sparkline-empty']").TextContent.Trim());
    }

    private static double Y(IElement svg, string selector) =>
        double.Parse(svg.QuerySelector(selector)!.GetAttribute("y1")!, CultureInfo.InvariantCulture);
}
