using System.Collections.Concurrent;
using Bunit;
using Dashboard.Components.Live;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>The gauge grid follows a real LiveFeed: a published batch updates the gauges in place.</summary>
public sealed class GaugeGridTests : MudBunitContext
{
    private readonly LiveFeed feed = new();
    private LastHourLoader? loader;

    public GaugeGridTests()
    {
        Services.AddSingleton(feed);
        // Built on first use, so a test sets its history loader before rendering.
        Services.AddSingleton(_ => new GaugeBoard(feed, loader));
        Services.AddSingleton<Dashboard.Components.Shared.SharedMarkup>();
    }

    private static GaugeBatch Batch(DateTimeOffset at, params GaugeSnapshot[] gauges) => new(at, gauges);

    private static string StatusOf(IRenderedComponent<GaugeGrid> cut, string metricId, string? entity = null) =>
        cut.FindAll($"[data-testid='gauge-{metricId}']").Single(e => entity is null || e.GetAttribute("data-entity") == entity).GetAttribute("data-status")!;

    [Fact]
    public void Grid_DesignerFilter_ShowsOnlyUserFacingGaugesIncludingTheBatchAlreadyShown()
    {
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Cpu, 40), GaugeSnapshots.Evaluate(MetricIds.LatencyP99, 300)));
        var designer = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "designer")], "test"));
        var cut = Render<GaugeGrid>();
        Assert.Single(cut.FindAll("[data-testid='gauge-cpu']"));

        cut.Render(p => p.Add(g => g.Visible, b => Dashboard.Live.GaugeVisibility.For(designer, b)));

        Assert.Empty(cut.FindAll("[data-testid='gauge-cpu']"));
        Assert.Single(cut.FindAll("[data-testid='gauge-latency_p99']"));
        feed.Publish(Batch(GaugeSnapshots.Now.AddSeconds(15), GaugeSnapshots.Evaluate(MetricIds.Cpu, 95), GaugeSnapshots.Evaluate(MetricIds.LatencyP99, 300)));
        cut.WaitForAssertion(() => Assert.Contains("updated", cut.Find("[data-testid='gauges-updated']").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='gauge-cpu']"));
    }

    [Fact]
    public void Grid_NoBatchYet_ShowsSkeletonsThenGaugesWhenOneIsPublished()
    {
        var cut = Render<GaugeGrid>();
        Assert.NotEmpty(cut.FindAll("[data-testid='gauges-loading'] .mud-skeleton"));
        Assert.Equal("Saturation now: waiting for the first reading", cut.Find("[data-testid='gauges-title']").TextContent.Trim());

        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Cpu, 40)));

        cut.WaitForAssertion(() => Assert.Equal("Ok", StatusOf(cut, MetricIds.Cpu)));
        Assert.Empty(cut.FindAll("[data-testid='gauges-loading']"));
        Assert.Equal("Saturation now: all 1 gauges ok", cut.Find("[data-testid='gauges-title']").TextContent.Trim());
    }

    [Fact]
    public void Grid_BatchPublished_UpdatesStatusInPlace()
    {
        feed.Publish(Batch(GaugeSnapshots.Now,
            GaugeSnapshots.Evaluate(MetricIds.Cpu, 40),
            GaugeSnapshots.Evaluate(MetricIds.PaymentSuccess, 99.1)));
        var cut = Render<GaugeGrid>();
        Assert.Equal("Ok", StatusOf(cut, MetricIds.Cpu)); // the latest batch, at once, without waiting for the next

        var later = GaugeSnapshots.Now.AddSeconds(15);
        feed.Publish(Batch(later,
            GaugeSnapshots.Evaluate(MetricIds.Cpu, 93, now: later),
            GaugeSnapshots.Evaluate(MetricIds.PaymentSuccess, 94, now: later)));

        cut.WaitForAssertion(() => Assert.Equal("Critical", StatusOf(cut, MetricIds.Cpu)));
        Assert.Equal("Critical", StatusOf(cut, MetricIds.PaymentSuccess));
        Assert.Equal("Saturation now: 2 critical of 2 gauges", cut.Find("[data-testid='gauges-title']").TextContent.Trim());
    }

    [Fact]
    public void Grid_TwoPagesOpen_ShareOneRenderingOfEachGauge()
    {
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Cpu, 40), GaugeSnapshots.Evaluate(MetricIds.Memory, 50)));
        var markup = Services.GetRequiredService<Dashboard.Components.Shared.SharedMarkup>();

        var first = Render<GaugeGrid>();
        var second = Render<GaugeGrid>();

        // One slot per gauge part (head, meter, reading, sparkline, thresholds), not per page: the second page reused the first one's HTML.
        const int slotsPerGauge = 5;
        Assert.Equal(2 * slotsPerGauge, markup.Count);
        Assert.Equal(first.Find("[data-metric='cpu']").OuterHtml, second.Find("[data-metric='cpu']").OuterHtml);
        var later = GaugeSnapshots.Now.AddSeconds(15);
        feed.Publish(Batch(later, GaugeSnapshots.Evaluate(MetricIds.Cpu, 93, now: later), GaugeSnapshots.Evaluate(MetricIds.Memory, 50, now: later)));
        first.WaitForAssertion(() => Assert.Equal("Critical", StatusOf(first, MetricIds.Cpu)));
        second.WaitForAssertion(() => Assert.Equal("Critical", StatusOf(second, MetricIds.Cpu)));
        Assert.Equal(2 * slotsPerGauge, markup.Count);
    }

    [Fact]
    public void Grid_SourceGoesDown_GaugeTurnsStaleWithReason()
    {
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Memory, 61)));
        var cut = Render<GaugeGrid>();

        var later = GaugeSnapshots.Now.AddMinutes(5);
        feed.Publish(Batch(later, GaugeSnapshots.Evaluate(MetricIds.Memory, 61, GaugeSnapshots.Now, staleReason: "connection refused", now: later)));

        cut.WaitForAssertion(() => Assert.Equal("Stale", StatusOf(cut, MetricIds.Memory)));
        Assert.EndsWith("· connection refused", cut.Find("[data-testid='gauge-stale']").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Saturation now: 1 stale of 1 gauges", cut.Find("[data-testid='gauges-title']").TextContent.Trim());
    }

    [Fact]
    public void Grid_GaugesInAnyOrder_GroupedByCategoryInCatalogOrderWithEntitiesLabelled()
    {
        const string app = "instance=\"demo-saas\",job=\"demo\"";
        const string host = "instance=\"10.0.0.7:9100\",job=\"node\"";
        feed.Publish(Batch(GaugeSnapshots.Now,
            GaugeSnapshots.Evaluate(MetricIds.PaymentSuccess, 99),
            GaugeSnapshots.Evaluate(MetricIds.Cpu, 30, entity: host),
            GaugeSnapshots.Evaluate(MetricIds.Uptime, 99.99),
            GaugeSnapshots.Evaluate(MetricIds.Cpu, 20, entity: app),
            GaugeSnapshots.Evaluate(MetricIds.Memory, 50, entity: host)));

        var cut = Render<GaugeGrid>();

        Assert.Equal(["Availability", "Saturation", "Business"], cut.FindAll("[data-category]").Select(e => e.GetAttribute("data-category")));
        var saturation = cut.Find("[data-category='Saturation']");
        Assert.Equal(
            [(MetricIds.Cpu, app), (MetricIds.Cpu, host), (MetricIds.Memory, host)],
            saturation.QuerySelectorAll("[data-metric]").Select(e => (e.GetAttribute("data-metric"), e.GetAttribute("data-entity"))));
        Assert.Equal(["demo-saas", "10.0.0.7"], saturation.QuerySelectorAll("[data-testid='gauge-entity']").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Grid_WithHistoryLoader_LoadsEachMetricOnceThenAppendsLiveValues()
    {
        var calls = new ConcurrentBag<string>();
        var history = Enumerable.Range(1, 30)
            .Select(i => (At: GaugeSnapshots.Now - TimeSpan.FromMinutes(31 - i), Value: 30.0 + i))
            .ToList();
        loader = (metric, _) =>
        {
            calls.Add(metric);
            IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset At, double Value)>> result =
                metric == MetricIds.Cpu ? new Dictionary<string, IReadOnlyList<(DateTimeOffset, double)>> { [""] = history } : new Dictionary<string, IReadOnlyList<(DateTimeOffset, double)>>();
            return Task.FromResult(result);
        };
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Cpu, 61), GaugeSnapshots.Evaluate(MetricIds.Disk, 40)));

        var cut = Render<GaugeGrid>();
        var secondPage = Render<GaugeGrid>();

        // 30 points of history plus the live value the batch carried.
        cut.WaitForAssertion(() => Assert.Equal("31", cut.Find("[data-metric='cpu'] [data-testid='sparkline']").GetAttribute("data-points")));
        Assert.Equal("no history in the last hour yet", cut.Find("[data-metric='disk'] [data-testid='sparkline-empty']").TextContent.Trim());

        var later = GaugeSnapshots.Now.AddSeconds(15);
        feed.Publish(Batch(later, GaugeSnapshots.Evaluate(MetricIds.Cpu, 62, now: later), GaugeSnapshots.Evaluate(MetricIds.Disk, 40, now: later)));

        cut.WaitForAssertion(() => Assert.Equal("32", cut.Find("[data-metric='cpu'] [data-testid='sparkline']").GetAttribute("data-points")));
        secondPage.WaitForAssertion(() => Assert.Equal("32", secondPage.Find("[data-metric='cpu'] [data-testid='sparkline']").GetAttribute("data-points")));
        // Once per metric for the process, not once per open page.
        Assert.Equal([MetricIds.Cpu, MetricIds.Disk], calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Grid_HistoryLoaderFails_GaugesStayLiveAndSaySo()
    {
        loader = (_, _) => throw new InvalidOperationException("replica unreachable");
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.ErrorRate, 0.2)));

        var cut = Render<GaugeGrid>();

        cut.WaitForAssertion(() => Assert.Equal("Sparklines unavailable: replica unreachable", cut.Find("[data-testid='gauges-history-error']").TextContent.Trim()));
        Assert.Equal("Ok", StatusOf(cut, MetricIds.ErrorRate));
    }

    [Fact]
    public async Task Grid_Disposed_StopsFollowingTheBoard()
    {
        feed.Publish(Batch(GaugeSnapshots.Now, GaugeSnapshots.Evaluate(MetricIds.Cpu, 10)));
        var board = Services.GetRequiredService<GaugeBoard>();
        var cut = Render<GaugeGrid>();
        Assert.Equal(1, board.Watchers);

        await DisposeComponentsAsync();

        Assert.Equal(0, board.Watchers);
        // The board itself keeps following the feed for the next page.
        feed.Publish(Batch(GaugeSnapshots.Now.AddSeconds(15), GaugeSnapshots.Evaluate(MetricIds.QueueDepth, 5)));
        Assert.Equal(GaugeSnapshots.Now.AddSeconds(15), board.Current?.Batch.PublishedAt);
    }
}
