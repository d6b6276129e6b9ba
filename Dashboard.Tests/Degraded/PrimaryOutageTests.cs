using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Jobs.Storage.Primary;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Degraded;

/// <summary>
/// The app's link to the real primary cut (a TCP fault, docs/decisions/028): pages and read APIs keep serving from
/// the replica, the cache and the live feed with a read-only banner, writes answer 503, and after the link returns
/// everything is writable and jobs run again, without a restart.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PrimaryOutageTests(DashboardAppFactory app)
{
    private static readonly TimeSpan Notice = TimeSpan.FromSeconds(30);
    private static readonly string[] Banner = ["Read-only since", "primary database unreachable"];

    [Fact]
    public async Task PrimaryCut_PagesAndReadApisServeWithBanner_WritesAnswer503_ThenWritableAndJobsRunAgain()
    {
        var status = app.Services.GetRequiredService<PrimaryStatus>();
        var feed = app.Services.GetRequiredService<LiveFeed>();
        var owner = app.For("owner");
        using var ownerPages = await app.SignInAsync(owner.Email, owner.Password);
        using var engineerPages = await app.SignInAsync(app.For("engineer").Email, app.For("engineer").Password);
        using var pmPages = await app.SignInAsync(app.For("pm").Email, app.For("pm").Password);
        using var ownerApi = app.CreateRawClient(owner.Token);
        // A token never looked up before: its first check during the outage cannot come from the lookup cache.
        using var pmApi = app.CreateRawClient(await NewTokenAsync(app.For("pm").Email));
        var profile = await ownerApi.GetFromJsonAsync<JsonElement>("/api/v1/business/profile");
        await WaitForIngestAfterAsync(DateTimeOffset.MinValue, ownerApi);
        var tracker = app.Services.GetRequiredService<SourceStatusTracker>();
        var ingestedBefore = await WatermarkAsync(tracker);

        try
        {
            app.PrimaryLink.Cut();
            await Eventually.WaitForAsync(() => Task.FromResult(status.IsReadOnly), r => r, Notice, "the app to notice the primary is gone");
            var noticedAt = DateTimeOffset.UtcNow;

            foreach (var (client, path) in new[] { (ownerPages, "/"), (ownerPages, "/owner"), (engineerPages, "/engineer"), (pmPages, "/pm") })
            {
                var page = await client.GetAsync(path);
                var html = await page.Content.ReadAsStringAsync();
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)page.StatusCode} during the outage");
                Assert.Contains("data-testid=\"read-only-banner\"", html);
                Assert.All(Banner, text => Assert.Contains(text, html));
            }
            // Signing in stores nothing, so a person can still sign in and read.
            using var designerPages = await app.SignInAsync(app.For("designer").Email, app.For("designer").Password);
            var designerPage = await designerPages.GetAsync("/designer");
            Assert.Equal(HttpStatusCode.OK, designerPage.StatusCode);
            Assert.Contains("data-testid=\"read-only-banner\"", await designerPage.Content.ReadAsStringAsync());
            var catalog = await pmApi.GetAsync("/api/v1/catalog");
            Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
            Assert.NotEmpty((await catalog.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
            var gauges = await ownerApi.GetAsync("/api/v1/status");
            Assert.Equal(HttpStatusCode.OK, gauges.StatusCode);
            var during = await ownerApi.GetFromJsonAsync<JsonElement>("/api/v1/business/profile");
            Assert.Equal(profile.GetProperty("activeUsers").GetInt32(), during.GetProperty("activeUsers").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await ownerApi.GetAsync("/api/v1/jobs")).StatusCode);
            using var monitor = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);
            var health = await monitor.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("Read-only since", await health.Content.ReadAsStringAsync());

            var refused = await ownerApi.PutAsJsonAsync("/api/v1/business/profile", Input(profile));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("Read-only since", problem.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ownerApi.DeleteAsync("/api/v1/thresholds/cpu")).StatusCode);
            // No Hangfire job runs now (its storage is the primary), yet the live feed keeps publishing from Prometheus.
            var live = await Eventually.WaitForAsync(() => Task.FromResult(feed.Latest), b => b?.PublishedAt > noticedAt, Notice, "a live batch during the outage");
            Assert.NotEmpty(live!.Gauges);
            // Long enough for ingest to miss at least two steps (a pass may have moved the watermark once more before the cut).
            await Eventually.WaitForAsync(() => Task.FromResult(DateTimeOffset.UtcNow), t => t > ingestedBefore.AddSeconds(61), TimeSpan.FromSeconds(90), "the outage to outlast two ingest steps");
        }
        finally
        {
            app.PrimaryLink.Restore();
        }

        await Eventually.WaitForAsync(() => Task.FromResult(status.IsReadOnly), r => !r, Notice, "the app to notice the primary is back");
        var restoredAt = DateTimeOffset.UtcNow;
        var saved = await ownerApi.PutAsJsonAsync("/api/v1/business/profile", Input(profile));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var home = await ownerPages.GetStringAsync("/");
        // The banner goes at once; the overview's dependency card catches up with the next health report.
        Assert.DoesNotContain("data-testid=\"read-only-banner\"", home);
        await WaitForIngestAfterAsync(restoredAt, ownerApi);

        // The steps ingest missed while the primary was away were read back from Prometheus: none is missing.
        var ingestedAfter = await WatermarkAsync(tracker);
        var expected = Enumerable.Range(1, (int)((ingestedAfter - ingestedBefore) / IngestGrid.Step))
            .Select(i => ingestedBefore + i * IngestGrid.Step).ToHashSet();
        Assert.True(expected.Count >= 2, $"the outage spans {expected.Count} ingest steps");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var stored = (await db.Observations
            .Where(o => db.Series.Any(s => s.Id == o.SeriesId && s.Metric == MetricIds.Memory) && o.Ts > ingestedBefore && o.Ts <= ingestedAfter)
            .Select(o => o.Ts).Distinct().ToListAsync()).ToHashSet();
        Assert.Subset(stored, expected);
    }

    private static async Task<DateTimeOffset> WatermarkAsync(SourceStatusTracker tracker) =>
        (await tracker.GetAsync(PrometheusIngestJob.Source, CancellationToken.None))!.IngestedThrough!.Value;

    private static object Input(JsonElement profile) => new
    {
        monthlyRecurringRevenueUsd = profile.GetProperty("monthlyRecurringRevenueUsd").GetDecimal(),
        activeUsers = profile.GetProperty("activeUsers").GetInt32(),
        monthlyInfraSpendUsd = profile.GetProperty("monthlyInfraSpendUsd").GetDecimal(),
        sloTargetPercent = profile.GetProperty("sloTargetPercent").GetDecimal(),
    };

    private async Task<string> NewTokenAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email);
        return await app.Services.GetRequiredService<ApiTokenService>().CreateAsync(user!.Id, "primary-outage-test", CancellationToken.None);
    }

    /// <summary>The Hangfire worker (its storage is on the primary) runs the recurring ingest again.</summary>
    private static Task WaitForIngestAfterAsync(DateTimeOffset after, HttpClient api) =>
        Eventually.WaitForAsync(
            async () => (await api.GetFromJsonAsync<List<JsonElement>>("/api/v1/jobs"))!
                .Where(j => j.GetProperty("jobId").GetString() == PrometheusIngestJob.Id && j.TryGetProperty("lastSucceededAt", out _))
                .Select(j => j.GetProperty("lastSucceededAt").GetDateTimeOffset())
                .DefaultIfEmpty(DateTimeOffset.MinValue).Max(),
            last => last > after, TimeSpan.FromMinutes(2), $"a successful {PrometheusIngestJob.Id} run after {after:O}");
}
