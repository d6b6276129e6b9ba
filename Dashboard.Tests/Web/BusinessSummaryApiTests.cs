using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Jobs;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Storage;
using Dashboard.Services;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.EntityFrameworkCore;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// GET /api/v1/business/summary and GET /api/v1/stage on the real stack (demo history, forecasts),
/// for each role: owners get money, everyone else the same summary with the money section absent.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class BusinessSummaryApiTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] MoneyFields = ["money", "mrrUsd", "outageCostPerHourUsd", "downtimeCostThisMonthUsd", "revenueAtRiskUsd"];

    public static readonly TheoryData<string> NonOwners = new(["engineer", "pm"]);
    public static readonly TheoryData<string> People = new(["owner", "engineer", "pm", "designer"]);

    private async Task SetProfileAsync(decimal mrr, decimal spend = 1_900m, int users = 2_400, decimal slo = 99.9m)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var response = await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = mrr, activeUsers = users, monthlyInfraSpendUsd = spend, sloTargetPercent = slo });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The summary once the demo history has been forecast (so the breach card has its source).</summary>
    private async Task<JsonElement> SummaryAsync(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);
        return await Eventually.WaitForAsync(() => client.GetFromJsonAsync<JsonElement>("/api/v1/business/summary"),
            s => s.GetProperty("firstBreach").GetProperty("state").GetString() != "NoData" && s.GetProperty("uptime").TryGetProperty("uptimePercent", out _),
            JobTimeout, "uptime history and forecasts behind the summary");
    }

    [Fact]
    public async Task Summary_Owner_MoneyFromMrrAndEverySection()
    {
        await SetProfileAsync(500_000m);

        var summary = await SummaryAsync("owner");

        var money = summary.GetProperty("money");
        Assert.True(summary.GetProperty("includesMoney").GetBoolean());
        Assert.Equal(500_000m, money.GetProperty("mrrUsd").GetDecimal());
        Assert.True(money.GetProperty("priced").GetBoolean());
        Assert.Equal(684.93m, money.GetProperty("outageCostPerHourUsd").GetDecimal());
        // This month's cost is the measured downtime priced at MRR / 730 per hour.
        var downtime = summary.GetProperty("uptime").GetProperty("downtimeThisMonthMinutes").GetDecimal();
        var expectedCost = 500_000m / 730m * downtime / 60m;
        Assert.InRange(money.GetProperty("downtimeCostThisMonthUsd").GetDecimal(), expectedCost - 0.01m, expectedCost + 0.01m);
        Assert.Contains("fully down for 1 h", money.GetProperty("revenueAtRiskAssumption").GetString());
        var uptime = summary.GetProperty("uptime");
        Assert.Equal("uptime", uptime.GetProperty("series").GetString());
        Assert.Equal(99.9, uptime.GetProperty("sloTargetPercent").GetDouble());
        Assert.InRange(uptime.GetProperty("uptimePercent").GetDouble(), 0, 100);
        Assert.Equal("uptime", summary.GetProperty("errorBudget").GetProperty("series").GetString());
        Assert.Equal(4, summary.GetProperty("errorBudget").GetProperty("tiers").GetArrayLength());
        // The budget is this calendar month's: 0.1 % of its length, and what is spent is the uptime card's downtime this month.
        var budget = summary.GetProperty("errorBudget");
        var monthStart = budget.GetProperty("monthStart").GetDateTimeOffset();
        Assert.Equal(1, monthStart.Day);
        Assert.Equal(monthStart.AddMonths(1), budget.GetProperty("monthEnd").GetDateTimeOffset());
        Assert.Equal((monthStart.AddMonths(1) - monthStart).TotalMinutes * 0.001, budget.GetProperty("allowedDowntimeMinutes").GetDouble(), 6);
        Assert.Equal((double)downtime, budget.GetProperty("downtimeMinutes").GetDouble(), 6);
        Assert.Equal("requests", uptime.GetProperty("sliSource").GetString());

        var mistakes = summary.GetProperty("scalingMistakes");
        var found = mistakes.GetProperty("detected").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        Assert.All(mistakes.GetProperty("notChecked").EnumerateArray(), m =>
        {
            Assert.DoesNotContain(m.GetProperty("id").GetString(), found);
            Assert.True(m.GetProperty("unknownSignals").GetArrayLength() > 0);
        });
    }

    [Fact]
    public async Task Summary_ScalingSignals_MeasuredFromTheStackUnknownOnesSaySo()
    {
        await SetProfileAsync(500_000m);
        // One statistics pass, so this instance holds a snapshot of the primary (it streams to the stack's replica).
        await app.Services.GetRequiredService<PostgresStatsJob>().CollectAllAsync(CancellationToken.None);
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);

        var mistakes = (await SummaryAsync("engineer")).GetProperty("scalingMistakes");

        var signals = mistakes.GetProperty("signals").EnumerateArray().ToDictionary(x => x.GetProperty("signal").GetString()!);
        Assert.Equal("yes", signals["ReplicaPresent"].GetProperty("value").GetString());
        Assert.Contains("pg_stat_replication", signals["ReplicaPresent"].GetProperty("source").GetString());
        Assert.Equal("yes", signals["MonitoringReachable"].GetProperty("value").GetString());
        Assert.False(signals["CiCdInUse"].GetProperty("known").GetBoolean());
        Assert.Equal("unknown", signals["CiCdInUse"].GetProperty("value").GetString());
        var notChecked = mistakes.GetProperty("notChecked").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("ManualDeployments", notChecked);
        Assert.DoesNotContain("NoMonitoring", notChecked);
        Assert.DoesNotContain(mistakes.GetProperty("detected").EnumerateArray(), m => m.GetProperty("id").GetString() == "NoMonitoring");
        Assert.Equal("Partial", mistakes.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Summary_RevenueAtRisk_IsTheFirstBreachPricedAtOneHour()
    {
        await SetProfileAsync(730_000m);

        var summary = await SummaryAsync("owner");

        var breach = summary.GetProperty("firstBreach");
        var money = summary.GetProperty("money");
        if (breach.TryGetProperty("expectedAt", out _))
        {
            Assert.Equal(1_000m, money.GetProperty("revenueAtRiskUsd").GetDecimal());
            Assert.Contains(breach.GetProperty("level").GetString(), new[] { "warning", "critical" });
            Assert.False(string.IsNullOrEmpty(breach.GetProperty("metric").GetString()));
        }
        else
        {
            Assert.False(money.TryGetProperty("revenueAtRiskUsd", out _));
        }
    }

    /// <summary>"Already past" counts as now only while the series' reading now is past the level too (stale: the fit's view stands; no reading: not past).</summary>
    private static bool StillPast(JsonElement forecast, JsonElement crossing)
    {
        if (!forecast.TryGetProperty("now", out var now) || now.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        if (!now.GetProperty("isFresh").GetBoolean() || !forecast.TryGetProperty("warning", out var w) || !forecast.TryGetProperty("critical", out var k))
        {
            return true;
        }
        var level = crossing.GetProperty("level").GetDouble();
        var value = now.GetProperty("value").GetDouble();
        return k.GetProperty("level").GetDouble() >= w.GetProperty("level").GetDouble() ? value > level : value < level;
    }

    [Fact]
    public async Task Summary_OpenBucketRolledUpPartWay_NewestReadingIsTheNewestSample_NotStale()
    {
        // A pass writes into the open 5-minute bucket, the rollup then rolls that bucket up part-way; the summary must read
        // the open bucket from its raw samples (a part-way rollup's bucket start would look minutes old and stale).
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        await app.Services.GetRequiredService<ObservationRollups>().ProcessPendingAsync(CancellationToken.None);
        await app.Services.GetRequiredService<HybridCache>().RemoveByTagAsync(BusinessSummaryService.CacheTag);

        var uptime = (await SummaryAsync("owner")).GetProperty("uptime");

        var latest = uptime.GetProperty("latestReadingAt").GetDateTimeOffset();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.Observations.AnyAsync(o => o.Ts == latest && db.Series.Any(x => x.Id == o.SeriesId && x.Metric == "uptime")),
                $"the newest availability reading {latest:O} is not a stored sample");
        }
        Assert.True(Freshness.IsRecent(latest, uptime.GetProperty("measuredAt").GetDateTimeOffset()),
            $"newest availability reading {latest:O}, measured at {uptime.GetProperty("measuredAt")}");
        Assert.NotEqual("Stale", uptime.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Summary_FirstBreach_IsTheSoonestCrossingOfTheForecasts()
    {
        await SetProfileAsync(500_000m);
        var summary = await SummaryAsync("owner");
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var forecasts = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/forecasts")).GetProperty("forecasts").EnumerateArray().ToList();

        var now = summary.GetProperty("computedAt").GetDateTimeOffset();
        var dates = forecasts
            .SelectMany(f => new[] { "warning", "critical" }.Select(level => f.TryGetProperty(level, out var c) ? (Forecast: f, Crossing: c) : ((JsonElement Forecast, JsonElement Crossing)?)null))
            .OfType<(JsonElement Forecast, JsonElement Crossing)>()
            .Select(x => x.Crossing.GetProperty("kind").GetString() == "AlreadyPast" ? (StillPast(x.Forecast, x.Crossing) ? now : null)
                : x.Crossing.TryGetProperty("expected", out var e) ? e.GetDateTimeOffset() : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>()
            .ToList();
        var breach = summary.GetProperty("firstBreach");

        if (dates.Count == 0)
        {
            Assert.False(breach.TryGetProperty("expectedAt", out _));
        }
        else
        {
            // Forecasts may have been recomputed in between; the breach must be no later than any crossing we saw by much.
            Assert.True(breach.GetProperty("expectedAt").GetDateTimeOffset() <= dates.Min().AddHours(2),
                $"summary breach {breach.GetProperty("expectedAt")} vs soonest forecast crossing {dates.Min():O}");
        }
    }

    [Theory]
    [MemberData(nameof(NonOwners))]
    public async Task Summary_NonOwner_SameSummaryWithMoneyAbsent(string role)
    {
        await SetProfileAsync(500_000m);

        var summary = await SummaryAsync(role);
        using var client = app.CreateRawClient(app.For(role).Token);
        var raw = await client.GetStringAsync("/api/v1/business/summary");

        Assert.False(summary.GetProperty("includesMoney").GetBoolean());
        foreach (var field in MoneyFields)
        {
            Assert.DoesNotContain($"\"{field}\"", raw);
        }
        Assert.Equal("uptime", summary.GetProperty("uptime").GetProperty("series").GetString());
        Assert.Equal(4, summary.GetProperty("errorBudget").GetProperty("tiers").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(summary.GetProperty("stage").GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task Summary_Designer_WhatUsersFeelWithoutHostsInfrastructureOrMoney()
    {
        await SetProfileAsync(500_000m, spend: 1_900m);
        var summary = await SummaryAsync("designer");
        using var client = app.CreateRawClient(app.For("designer").Token);
        var raw = await client.GetStringAsync("/api/v1/business/summary");
        var visible = (await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog")).EnumerateArray()
            .Select(m => m.GetProperty("metricId").GetString()).ToHashSet();

        Assert.Equal("uptime", summary.GetProperty("uptime").GetProperty("series").GetString());
        Assert.Equal(4, summary.GetProperty("errorBudget").GetProperty("tiers").GetArrayLength());
        foreach (var field in MoneyFields.Concat(["stage", "scalingMistakes", "monthlyInfraSpendUsd", "signals", "entity"]))
        {
            Assert.DoesNotContain($"\"{field}\"", raw);
        }
        if (summary.GetProperty("firstBreach").TryGetProperty("metric", out var metric))
        {
            Assert.Contains(metric.GetString(), visible);
        }
        Assert.DoesNotContain("cpu", visible);
    }

    [Fact]
    public async Task Summary_ZeroMrr_OwnerGetsUnpricedMoney()
    {
        await SetProfileAsync(0m);
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var money = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/business/summary")).GetProperty("money");

        Assert.False(money.GetProperty("priced").GetBoolean());
        Assert.Equal(0m, money.GetProperty("outageCostPerHourUsd").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task Stage_EachRole_StageUsersNextAndBudgetFitWithSpend(string role)
    {
        await SetProfileAsync(500_000m, spend: 1_900m, users: 2_400);
        using var client = app.CreateRawClient(app.For(role).Token);

        var response = await client.GetAsync("/api/v1/stage");
        var stage = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The demo's users (~2,400, measured or declared) are in the Growth stage: $800-3,000 a month.
        Assert.Equal("Growth", stage.GetProperty("stage").GetString());
        Assert.InRange(stage.GetProperty("users").GetInt64(), 1_000, 9_999);
        Assert.Equal("Scale", stage.GetProperty("nextStage").GetString());
        Assert.Equal(10_000 - stage.GetProperty("users").GetInt64(), stage.GetProperty("usersToNextStage").GetInt64());
        Assert.Equal(800m, stage.GetProperty("budgetMinUsd").GetDecimal());
        Assert.Equal(3_000m, stage.GetProperty("budgetMaxUsd").GetDecimal());
        // Spend is a cost, not revenue: every role sees it, as in the business profile.
        Assert.Equal(1_900m, stage.GetProperty("monthlyInfraSpendUsd").GetDecimal());
        Assert.Equal("Within", stage.GetProperty("budgetFit").GetString());
        Assert.False(string.IsNullOrEmpty(stage.GetProperty("etaMessage").GetString()));
        Assert.DoesNotContain("mrr", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(5_000, "Over")]
    [InlineData(100, "Under")]
    public async Task Stage_SpendOutsideTheRange_OverOrUnder(int spend, string fit)
    {
        await SetProfileAsync(500_000m, spend: spend);
        using var client = app.CreateRawClient(app.For("pm").Token);

        var stage = await client.GetFromJsonAsync<JsonElement>("/api/v1/stage");

        Assert.Equal(fit, stage.GetProperty("budgetFit").GetString());
    }

    [Fact]
    public async Task Stage_SpendNotSet_NoFitAndNoSpendField()
    {
        await SetProfileAsync(500_000m, spend: 0m);
        using var client = app.CreateRawClient(app.For("designer").Token);

        var body = await client.GetStringAsync("/api/v1/stage");

        Assert.DoesNotContain("budgetFit", body);
        Assert.DoesNotContain("monthlyInfraSpendUsd", body);
        Assert.Contains("\"stage\":\"Growth\"", body);
    }

    [Fact]
    public async Task SummaryAndStage_Anonymous_Unauthorized()
    {
        using var anonymous = app.CreateRawClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/business/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/stage")).StatusCode);
    }

    [Fact]
    public async Task Summary_Cookie_SignedInOwnerGetsMoney()
    {
        await SetProfileAsync(500_000m);
        var owner = app.For("owner");
        using var client = await app.SignInAsync(owner.Email, owner.Password);

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/business/summary");

        Assert.Equal(500_000m, summary.GetProperty("money").GetProperty("mrrUsd").GetDecimal());
    }

    [Fact]
    public async Task Summary_BurnTiers_FireExactlyWhenBothWindowsExceedTheFactor()
    {
        await SetProfileAsync(500_000m);

        var budget = (await SummaryAsync("engineer")).GetProperty("errorBudget");

        foreach (var tier in budget.GetProperty("tiers").EnumerateArray())
        {
            var factor = tier.GetProperty("factor").GetDouble();
            var expected = tier.TryGetProperty("longBurnRate", out var l) && tier.TryGetProperty("shortBurnRate", out var s)
                           && l.GetDouble() > factor && s.GetDouble() > factor;
            Assert.Equal(expected, tier.GetProperty("firing").GetBoolean());
        }
        var anyPage = budget.GetProperty("tiers").EnumerateArray().Any(t => t.GetProperty("firing").GetBoolean() && t.GetProperty("urgency").GetString() == "Page");
        var anyTicket = budget.GetProperty("tiers").EnumerateArray().Any(t => t.GetProperty("firing").GetBoolean());
        Assert.Equal(anyPage ? "Page" : anyTicket ? "Ticket" : "None", budget.GetProperty("urgency").GetString());
    }
}
