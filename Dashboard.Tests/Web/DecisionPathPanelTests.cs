using Bunit;
using Dashboard.Components.Engineer;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Health;
using Dashboard.Services.DatabaseHealth;
using static Dashboard.Tests.Web.Snapshots;

namespace Dashboard.Tests.Web;

/// <summary>The decision path panel: the step that applies now, its evidence, gains, and unknown signals shown as unknown.</summary>
public sealed class DecisionPathPanelTests : MudBunitContext
{
    private static TargetDecisionPath Path(Jobs.Sources.Postgres.PostgresStatsSnapshot? snapshot, TargetState state = TargetState.Live)
    {
        var (signals, views) = DatabaseSignals.Read("shop", snapshot, state, null, "no CPU samples", AdviceLimits.Default, Shared(snapshot));
        return TargetDecisionPath.Of("shop", state, views, DecisionPathAdvisor.Default.Advise(signals));
    }

    private IRenderedComponent<DecisionPathPanel> RenderPanel(TargetDecisionPath path, SymptomView? p99 = null) =>
        Render<DecisionPathPanel>(p => p.Add(c => c.Path, path).Add(c => c.P99, p99).Add(c => c.Now, Now));

    [Fact]
    public void SlowQueries_StepOneAppliesNowWithEvidenceAndGains()
    {
        var cut = RenderPanel(Path(Of()), new SymptomView("route=\"/checkout\"", 1_400, HealthStatus.Warning, 1_000, Now, null));

        Assert.Equal("Decision path: step 1, check queries first, applies now", cut.Find("[data-testid=decision-title]").TextContent);
        var first = cut.FindAll("[data-testid=decision-step]")[0];
        Assert.Equal("AppliesNow", first.GetAttribute("data-status"));
        Assert.Contains("Applies now", first.TextContent);
        Assert.Contains("slow queries present", first.QuerySelector("[data-testid=decision-evidence]")!.TextContent);
        Assert.Contains("reads 2-50x, writes 2-50x", first.QuerySelector("[data-testid=decision-gains]")!.TextContent);
        Assert.Contains("Free", first.TextContent);
        Assert.Contains("p99 response time 1.4 s", cut.Find("[data-testid=decision-symptom]").TextContent);
    }

    [Fact]
    public void Steps_DoneAndUnknown_ShownAsSuchWithCachingGains()
    {
        var cut = RenderPanel(Path(Of()));

        var steps = cut.FindAll("[data-testid=decision-step]").ToDictionary(s => s.GetAttribute("data-step")!);
        Assert.Equal("Done", steps["4"].GetAttribute("data-status"));
        Assert.Equal("Unknown", steps["3"].GetAttribute("data-status"));
        Assert.Contains("cuts database reads 60-90 %", steps["3"].TextContent);
        Assert.Contains("$50-$200/month", steps["3"].TextContent);
    }

    [Fact]
    public void Signals_UnknownOnesSayUnknownAndWhy()
    {
        var cut = RenderPanel(Path(Of()));

        var cache = cut.Find("[data-testid=decision-signal][data-signal=CachePresent]");
        Assert.Equal("false", cache.GetAttribute("data-known"));
        Assert.Contains("unknown", cache.TextContent);
        // The reason is the signals snapshot's, the same words the checklist and the owner see.
        Assert.Contains("the Redis check has not run in this test", cache.TextContent);
        var hit = cut.Find("[data-testid=decision-signal][data-signal=CacheHitRatio]");
        Assert.Equal("true", hit.GetAttribute("data-known"));
        Assert.Contains("99 %", hit.TextContent);
    }

    [Fact]
    public void NoSnapshot_WarnsSignalsUnknownStepOneStillFirst()
    {
        var cut = RenderPanel(Path(null, TargetState.NoData));

        Assert.Contains("No statistics snapshot", cut.Find("[data-testid=decision-not-live]").TextContent);
        Assert.All(cut.FindAll("[data-testid=decision-signal]"), s => Assert.Equal("false", s.GetAttribute("data-known")));
        Assert.Contains("not measured: check queries first", cut.FindAll("[data-testid=decision-step]")[0].TextContent);
        Assert.Contains("No p99 response time", cut.Markup);
    }
}
