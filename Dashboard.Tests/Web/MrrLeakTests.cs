using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Jobs;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// MRR is for owners only: with a distinctive MRR set, nothing a designer or an engineer can
/// fetch carries it: no GET API route (every one the app maps under /api/v1 without route
/// parameters), no server-rendered page, and no SignalR frame of the live hub.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class MrrLeakTests(DashboardAppFactory app)
{
    private const decimal DistinctMrr = 734_219m;
    private static readonly string[] Forms = ["734219", "734,219", "$734"];

    public static readonly TheoryData<string> Audiences = new(["designer", "engineer"]);

    private async Task SetDistinctMrrAsync()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var response = await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = DistinctMrr, activeUsers = 2_400, monthlyInfraSpendUsd = 1_900, sloTargetPercent = 99.9, revenuePerConversionUsd = 40 });
        response.EnsureSuccessStatusCode();
        // The control: the owner does get it, so a search that finds nothing below means something.
        Assert.Contains("734219", await owner.GetStringAsync("/api/v1/business/profile"));
        Assert.Contains("734219", await owner.GetStringAsync("/api/v1/business/summary"));
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0);

    /// <summary>Every GET route under /api/v1 without route parameters, as the app maps it.</summary>
    private List<string> ApiRoutes() =>
        [.. Endpoints()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Distinct()
            .Order()];

    /// <summary>Every routable page (Razor component) without route parameters, plus the Hangfire dashboard.</summary>
    private List<string> PageRoutes() =>
        [.. Endpoints()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Append("/hangfire")
            .Distinct()
            .Order()];

    private static void AssertNoMrr(string body, string where)
    {
        foreach (var form in Forms)
        {
            Assert.False(body.Contains(form, StringComparison.Ordinal), $"{where} contains the MRR as \"{form}\"");
        }
    }

    [Fact]
    public void Enumeration_FindsTheRoutesThatMatter()
    {
        var api = ApiRoutes();
        var pages = PageRoutes();

        // If enumeration broke, the leak tests below would pass vacuously.
        Assert.Contains("/api/v1/business/profile", api);
        Assert.Contains("/api/v1/business/summary", api);
        Assert.Contains("/api/v1/stage", api);
        Assert.Contains("/api/v1/status", api);
        Assert.Contains("/owner", pages);
        Assert.Contains("/settings", pages);
        Assert.Contains("/designer", pages);
    }

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task ApiRoutes_NonOwner_NeverCarryMrr(string role)
    {
        await SetDistinctMrrAsync();
        using var client = app.CreateRawClient(app.For(role).Token);
        var fetched = 0;

        foreach (var route in ApiRoutes())
        {
            var response = await client.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            AssertNoMrr(body, $"{role} GET {route} ({(int)response.StatusCode})");
            fetched += response.IsSuccessStatusCode ? 1 : 0;
        }

        Assert.True(fetched >= 5, $"{role} read only {fetched} API routes successfully");
    }

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task Pages_NonOwner_NeverCarryMrr(string role)
    {
        await SetDistinctMrrAsync();
        var credential = app.For(role);
        using var client = await app.SignInAsync(credential.Email, credential.Password);
        var opened = 0;

        foreach (var route in PageRoutes())
        {
            var response = await client.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            AssertNoMrr(body, $"{role} page {route} ({(int)response.StatusCode})");
            opened += response.IsSuccessStatusCode ? 1 : 0;
        }

        Assert.True(opened >= 3, $"{role} opened only {opened} pages");
    }

    [Fact]
    public async Task Pages_Owner_ControlShowsTheMrrOnItsOwnPages()
    {
        await SetDistinctMrrAsync();
        var owner = app.For("owner");
        using var client = await app.SignInAsync(owner.Email, owner.Password);

        // The owner view prints MRR as "$734.2K"; the settings form carries the exact figure.
        Assert.Contains("$734.2K", await client.GetStringAsync("/owner"));
        Assert.Contains("734219", await client.GetStringAsync("/settings"));
    }

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task Hub_NonOwner_FramesNeverCarryMrr(string role)
    {
        await SetDistinctMrrAsync();
        var frames = new List<string>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/saturation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(app.For(role).Token))
            .Build();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = connection.On<JsonElement>("Snapshots", batch =>
        {
            lock (frames)
            {
                frames.Add(batch.GetRawText());
            }
            received.TrySetResult();
        });
        await connection.StartAsync();

        var latest = await connection.InvokeAsync<JsonElement>("GetLatest");
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Keep listening a few more seconds for whatever else the hub sends.
        await Task.Delay(TimeSpan.FromSeconds(3));

        lock (frames)
        {
            Assert.NotEmpty(frames);
            foreach (var frame in frames.Append(latest.GetRawText()))
            {
                AssertNoMrr(frame, $"{role} hub frame");
            }
        }
    }
}
