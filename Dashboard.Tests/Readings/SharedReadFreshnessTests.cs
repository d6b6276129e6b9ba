using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Jobs.Storage.Primary;
using Dashboard.Services;
using Dashboard.Services.Forecasts;
using Dashboard.Tests.Domain;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Readings;

/// <summary>
/// What a shared read may cost in freshness (decision 032), against the real primary, with a clock that moves only
/// when told: an ingest pass in this process is seen at once, another instance's write within RecentReads.MaxAge;
/// a revoked token and its user's principal are remembered for at most ApiTokenService.RememberedFor.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SharedReadFreshnessTests(DashboardAppFactory app)
{
    private readonly ManualTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Readings_ThisProcessPassIsSeenAtOnce_AnotherInstanceWriteWithinMaxAge()
    {
        // Only this test writes the state while its clock stands still.
        var quiet = await QuietIngest.StartAsync(app);
        try
        {
            await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
            var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            var readings = new ReadingService(contexts, new RecentReads(clock), clock);
            var store = new SeriesStateStore(contexts, readings);
            var target = (await readings.GetAllAsync(CancellationToken.None)).First(r => r.Value is not null);

            // A pass of this process: the next read has it, though the clock has not moved.
            var stored = await store.RecordPassAsync(previous => [.. previous.Select(r => Same(r, target) ? r with { Value = r.Value + 12.5 } : r)], CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(target.Value + 12.5, Value(await readings.GetAllAsync(CancellationToken.None), target));

            // Another instance's write (straight to the primary): the shared read stands for less than MaxAge, then the new value.
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.SeriesStates.Where(s => s.Metric == target.Metric && s.Entity == target.Entity)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, target.Value + 25));
            }
            Assert.Equal(target.Value + 12.5, Value(await readings.GetAllAsync(CancellationToken.None), target));
            clock.Advance(RecentReads.MaxAge);
            Assert.Equal(target.Value + 25, Value(await readings.GetAllAsync(CancellationToken.None), target));
            var gauges = await readings.GetGaugesAsync(CancellationToken.None);
            Assert.Equal(target.Value + 25, Assert.Single(gauges!.Gauges, g => g.MetricId == target.Metric && g.Entity == target.Entity).Value);
        }
        finally
        {
            // The next pass of the app's own ingest rewrites every value.
            await quiet.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForecastSummaries_SharedWithinMaxAge_APassInThisProcessShowsItsReadingAtOnce()
    {
        var quiet = await QuietIngest.StartAsync(app);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            var recent = new RecentReads(clock);
            var readings = new ReadingService(contexts, recent, clock);
            var store = new SeriesStateStore(contexts, readings);
            var forecasts = new ForecastQueryService(services.GetRequiredService<IDbContextFactory<ReadDbContext>>(), contexts,
                services.GetRequiredService<ObservationHistory>(), readings, services.GetRequiredService<SystemStatusService>(),
                services.GetRequiredService<HybridCache>(), recent, clock);
            var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
            // The demo's first forecast run, read through the app's own service (its clock moves).
            await Eventually.WaitForAsync(async () =>
            {
                await using var s = scopes.CreateAsyncScope();
                return await s.ServiceProvider.GetRequiredService<ForecastQueryService>().GetSummariesAsync(CancellationToken.None);
            }, all => all.Any(f => f.Now?.Value is not null), TimeSpan.FromMinutes(3), "a stored forecast of a series with a reading");
            var before = await forecasts.GetSummariesAsync(CancellationToken.None);
            var target = before.First(f => f.Now?.Value is not null);
            Assert.Same(before, await forecasts.GetSummariesAsync(CancellationToken.None));

            await store.RecordPassAsync(previous => [.. previous.Select(r => r.Metric == target.Metric && r.Entity == target.Entity ? r with { Value = r.Value + 12.5 } : r)], CancellationToken.None);

            var after = await forecasts.GetSummariesAsync(CancellationToken.None);
            Assert.Equal(target.Now!.Value + 12.5, Assert.Single(after, f => f.Metric == target.Metric && f.Entity == target.Entity).Now!.Value);
        }
        finally
        {
            await quiet.DisposeAsync();
        }
    }

    [Fact]
    public async Task Token_RevokedOrUserLockedOut_StopsWithinRememberedFor_PrincipalBuiltOncePerWindow()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var tokens = new ApiTokenService(contexts, app.Services.GetRequiredService<PrimaryStatus>(), clock);
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(app.For("pm").Email))!.Id;
        }
        var name = "shared-read-test-" + Guid.NewGuid().ToString("N")[..8];
        var token = await tokens.CreateAsync(userId, name, CancellationToken.None);
        var builds = 0;
        var lockedOut = false;
        Task<ClaimsPrincipal?> Build(string id)
        {
            builds++;
            return Task.FromResult(lockedOut ? null : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Role, "pm")], "test")));
        }

        var first = await tokens.FindPrincipalAsync(token, Build, CancellationToken.None);
        var second = await tokens.FindPrincipalAsync(token, Build, CancellationToken.None);
        Assert.Equal(userId, first!.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Same(first, second); // one principal per user per window, shared by its requests and hub connections
        Assert.True(second!.IsInRole("pm"));
        Assert.Equal(1, builds);

        // Locked out: remembered until the window ends, then refused.
        lockedOut = true;
        Assert.NotNull(await tokens.FindPrincipalAsync(token, Build, CancellationToken.None));
        clock.Advance(ApiTokenService.RememberedFor);
        Assert.Null(await tokens.FindPrincipalAsync(token, Build, CancellationToken.None));
        Assert.Equal(2, builds);

        // Revoked: the same, whatever the user's state.
        lockedOut = false;
        Assert.NotNull(await tokens.FindPrincipalAsync(token, Build, CancellationToken.None));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.ApiTokens.Where(t => t.UserId == userId && t.Name == name).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow));
        }
        Assert.NotNull(await tokens.FindPrincipalAsync(token, Build, CancellationToken.None));
        clock.Advance(ApiTokenService.RememberedFor);
        Assert.Null(await tokens.FindPrincipalAsync(token, Build, CancellationToken.None));
    }

    [Fact]
    public async Task Token_ManyRequestsAtOnce_OnePrincipalBuild()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var tokens = new ApiTokenService(contexts, app.Services.GetRequiredService<PrimaryStatus>(), clock);
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(app.For("engineer").Email))!.Id;
        }
        var token = await tokens.CreateAsync(userId, "shared-read-test-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        // The token is looked up (and remembered); its principal is not (a null build is never kept).
        Assert.Null(await tokens.FindPrincipalAsync(token, _ => Task.FromResult<ClaimsPrincipal?>(null), CancellationToken.None));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builds = 0;
        async Task<ClaimsPrincipal?> Slow(string id)
        {
            Interlocked.Increment(ref builds);
            await gate.Task;
            return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));
        }

        var requests = Enumerable.Range(0, 20).Select(_ => tokens.FindPrincipalAsync(token, Slow, CancellationToken.None)).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(requests), p => Assert.Equal(userId, p!.FindFirstValue(ClaimTypes.NameIdentifier)));
        Assert.Equal(1, builds);
    }

    private static bool Same(SeriesReading a, SeriesReading b) => a.Metric == b.Metric && a.Entity == b.Entity;

    private static double? Value(IReadOnlyList<SeriesReading> all, SeriesReading target) => Assert.Single(all, r => Same(r, target)).Value;
}
